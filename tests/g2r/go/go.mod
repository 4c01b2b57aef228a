module g2rtests

go 1.20

module asynctests

go 1.20

module idiomatictests

go 1.20

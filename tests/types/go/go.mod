module typestests

go 1.20

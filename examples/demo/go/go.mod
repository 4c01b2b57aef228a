module demo

go 1.20

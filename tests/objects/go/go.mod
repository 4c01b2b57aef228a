module objectstests

go 1.20

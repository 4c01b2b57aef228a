module e2etests

go 1.20

module shmtests

go 1.20

module rust2gobenches

go 1.20

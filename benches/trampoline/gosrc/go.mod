module tramp

go 1.26

module r2ghelpers

go 1.20

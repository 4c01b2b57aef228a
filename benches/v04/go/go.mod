module r2gv04bench

go 1.21

require github.com/ihciah/rust2go v0.0.0-20260314034108-6f06b0697c1b

// Package r2ghelpers is the fixed Go that rust2go copies into every generated gen.go, kept
// here as a package of its own so that gofmt, go vet and staticcheck check it (the
// rust2go-emit test go_helpers_pass_go_tools). rust2go-emit includes each file with
// include_str! and copies what follows its marker line; the package clause, imports and
// cgo preamble above the marker stay here (gen.go has its own). r2g.h and r2g_shm.h are the
// C of gen.go's cgo preamble, spliced the same way.
//
// Code here may use only the standard library and what gen.go defines in every file that
// needs it, and no API newer than Go 1.18 (the go118 output carries the same files).
package r2ghelpers

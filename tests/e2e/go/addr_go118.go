//go:build !go1.20

package main

import (
	"reflect"
	"unsafe"
)

// strData is the address of a string's bytes (0 for a nil data pointer).
// Go 1.18/1.19 have no unsafe.StringData: read the string header.
func strData(s string) uintptr { return (*reflect.StringHeader)(unsafe.Pointer(&s)).Data }

// sliceData is the address of a slice's first element (0 for a nil data pointer).
// Go 1.18/1.19 have no unsafe.SliceData: read the slice header.
func sliceData[T any](s []T) uintptr { return (*reflect.SliceHeader)(unsafe.Pointer(&s)).Data }

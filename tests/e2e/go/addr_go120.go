//go:build go1.20

package main

import "unsafe"

// strData is the address of a string's bytes (0 for a nil data pointer).
func strData(s string) uintptr { return uintptr(unsafe.Pointer(unsafe.StringData(s))) }

// sliceData is the address of a slice's first element (0 for a nil data pointer).
func sliceData[T any](s []T) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(s))) }

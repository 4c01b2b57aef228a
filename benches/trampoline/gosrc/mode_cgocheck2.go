//go:build goexperiment.cgocheck2

package main

func init() { buildMode += " cgocheck2" }

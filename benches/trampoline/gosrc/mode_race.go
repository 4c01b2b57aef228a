//go:build race

package main

func init() { buildMode += " race" }

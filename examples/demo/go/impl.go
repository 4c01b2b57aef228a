package main

import (
	"fmt"
	"strings"
)

// Demo implements the TestCall interface generated in gen.go.
type Demo struct{}

func init() { TestCallImpl = Demo{} }

func (Demo) ping(n uint) uint { return n + 1 }

func (Demo) login(req *LoginRequest) LoginResponse {
	ok := req.password == "hunter2"
	msg := fmt.Sprintf("welcome %s (id %d, age %d), tags %s", req.user.name, req.user.id, req.user.age, strings.Join(req.tags, ","))
	return LoginResponse{succ: ok, message: msg, token: []byte("token-" + req.user.name)}
}

func (Demo) logout(req *User) {
	fmt.Printf("[go] %s logged out\n", req.name)
}

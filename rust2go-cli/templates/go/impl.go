package main

import (
	"fmt"
	"time"
)

// App implements the Greeter interface that rust2go generates into gen.go.
type App struct{}

func init() { GreeterImpl = App{} }

func (App) greet(user *User) string {
	return fmt.Sprintf("hello %s (#%d)", user.name, user.id)
}

func (App) greet_later(user *User, delayMs *uint64) string {
	time.Sleep(time.Duration(*delayMs) * time.Millisecond)
	return "hello again " + user.name
}

func (App) name_length(user *User) (uint32, error) {
	if user.name == "" {
		return 0, fmt.Errorf("user %d has no name", user.id)
	}
	return uint32(len(user.name)), nil
}

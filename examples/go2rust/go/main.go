package main

import "fmt"

func main() {
	data := []byte("hello from go")
	fmt.Printf("hash = %x\n", RustCallImpl{}.hash(&data))

	user := DemoUser{name: "a", age: 28}
	RustCallImpl{}.demo_log(&user.name, &user.age)
	fmt.Println(RustCallImpl{}.describe(&user))

	req := LookupRequest{key: "go", limit: 3}
	fmt.Println(RustCallImpl{}.lookup(&req).hits)

	for _, s := range []string{"42", "x"} {
		v, err := RustCallImpl{}.parse(&s)
		fmt.Println(v, err)
	}
}

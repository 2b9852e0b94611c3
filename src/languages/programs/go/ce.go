package main

func main() {
	println(undeclared_name)
}

fun main() {
    println(undeclared_name)
}

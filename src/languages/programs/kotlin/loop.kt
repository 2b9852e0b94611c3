@Volatile var x = 0L

fun main() {
    while (true) x++
}

fun main() {
    println("héllo wörld ✓ 日本語")
}

fun main() {
    while (true) Thread { Thread.sleep(3_600_000) }.start()
}

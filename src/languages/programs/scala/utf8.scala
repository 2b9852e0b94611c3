object Main {
  def main(args: Array[String]): Unit = println("héllo wörld ✓ 日本語")
}

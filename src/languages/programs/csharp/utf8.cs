class Program {
  static void Main() {
    System.Console.WriteLine("héllo wörld ✓ 日本語");
  }
}

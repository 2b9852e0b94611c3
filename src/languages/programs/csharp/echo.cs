using System;

class Program {
  static void Main() {
    var output = Console.OpenStandardOutput();
    Console.OpenStandardInput().CopyTo(output);
    output.Flush();
  }
}

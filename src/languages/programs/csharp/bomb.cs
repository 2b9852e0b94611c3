using System.Threading;

class Program {
  static void Main() {
    for (;;) new Thread(() => Thread.Sleep(3600000)).Start();
  }
}

object Main {
  def main(args: Array[String]): Unit =
    while (true) new Thread(new Runnable { def run(): Unit = Thread.sleep(3600000) }).start()
}

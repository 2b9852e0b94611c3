public class Main {
  public static void main(String[] args) {
    for (;;) {
      new Thread(() -> {
        try { Thread.sleep(3_600_000); } catch (InterruptedException e) { }
      }).start();
    }
  }
}

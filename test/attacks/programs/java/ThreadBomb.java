// Start sleeping threads until the process limit refuses one ("unable to create native thread").
public class ThreadBomb {
    public static void main(String[] args) {
        int n = 0;
        try {
            for (; n < 100000; n++) {
                Thread t = new Thread(() -> { try { Thread.sleep(60000); } catch (InterruptedException e) { } });
                t.setDaemon(true);
                t.start();
            }
            System.out.println("ESCAPED: 100000 threads");
        } catch (Throwable e) {
            System.out.println("contained: threads stopped at " + n + ": " + e.getClass().getSimpleName());
        }
        Runtime.getRuntime().halt(0);
    }
}

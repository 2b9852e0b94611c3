// Start a long-running child process and exit without waiting: it must not outlive the run.
public class Spawn {
    public static void main(String[] args) throws Exception {
        new ProcessBuilder("sleep", "1000").start();
        System.out.println("spawned a child; the host check must find nothing left");
        System.exit(0);
    }
}

// A busy loop on the JVM: TLE on CPU time, JIT and GC threads included.
public class CpuSpin {
    public static void main(String[] args) {
        long n = 0;
        while (true) n += System.nanoTime() & 1;
    }
}

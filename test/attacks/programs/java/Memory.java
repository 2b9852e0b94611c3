// Fill the heap: OutOfMemoryError (RE) under -Xmx, or the cgroup OOM killer (MLE); never the host's memory.
import java.util.ArrayList;
import java.util.List;

public class Memory {
    public static void main(String[] args) {
        List<long[]> blocks = new ArrayList<>();
        while (true) blocks.add(new long[1 << 17]);
    }
}

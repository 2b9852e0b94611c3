// Hunt for the host's secrets from the JVM: files, directories, the environment, other processes.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

public class Secrets {
    public static void main(String[] args) {
        String secret = args.length > 0 ? args[0] : "/nonexistent";
        String[] paths = {"/etc/shadow", "/root", "/home", "/var/lib/airlock", "/run/airlock", "/proc/1/environ", secret};
        int escaped = 0;
        for (String p : paths) {
            try {
                Path path = Path.of(p);
                if (Files.isDirectory(path)) Files.list(path).close(); else Files.readAllBytes(path);
                System.out.println("ESCAPED: " + p + " is readable");
                escaped++;
            } catch (Exception e) { }
        }
        Set<String> allowed = Set.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL");
        for (String name : System.getenv().keySet())
            if (!allowed.contains(name)) { System.out.println("ESCAPED: environment variable " + name); escaped++; }
        long others = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()).count();
        if (others > 0) { System.out.println("ESCAPED: " + others + " other processes visible"); escaped++; }
        if (escaped == 0) System.out.println("contained: no host secret, no foreign environment, no other process");
    }
}

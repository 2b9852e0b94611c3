// The network from the JVM: TCP to a host service and DNS; both must fail.
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

public class Net {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            System.out.println("ESCAPED: TCP to the host loopback");
        } catch (Exception e) {
            System.out.println("contained: TCP: " + e.getMessage());
        }
        try {
            InetAddress.getByName("deb.debian.org");
            System.out.println("ESCAPED: DNS");
        } catch (Exception e) {
            System.out.println("contained: DNS: " + e.getClass().getSimpleName());
        }
    }
}

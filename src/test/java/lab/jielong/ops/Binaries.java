package lab.jielong.ops;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Programs a test starts (Debian's haproxy, redis-server), and free loopback ports for them. */
final class Binaries {

    private Binaries() {
    }

    /**
     * The program on the PATH; without it the test fails when the {@code CI} environment variable is set
     * ({@code .ci/run} sets it and installs the package) and is skipped otherwise, saying why.
     */
    static Path require(String name, String debianPackage) {
        Path found = find(name);
        if (found == null) {
            String why = name + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
            if (inCi()) {
                Assertions.fail(why);
            }
            Assumptions.abort(why + "; skipped because the CI environment variable is not set");
        }
        return found;
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !"false".equals(ci);
    }

    static Path find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/sbin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}

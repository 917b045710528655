package lab.jielong.classroom;

import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code redis-server} on a free loopback port, started by a test and stopped by it: no
 * persistence, nothing written outside {@code target/}.
 *
 * <p>Without {@code redis-server} on the PATH the test fails when the {@code CI} environment variable is set
 * ({@code .ci/run} sets it and installs the package), and is skipped otherwise, saying why.
 */
final class RedisTestServer implements AutoCloseable {

    private Process process;
    private final int port;
    private final List<String> command;
    private final Path log;
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();

    private RedisTestServer(List<String> command, int port, Path log) {
        this.command = command;
        this.port = port;
        this.log = log;
    }

    static RedisTestServer start() {
        return start(false);
    }

    /**
     * With {@code keepData}, the server writes its data to {@code target/redis/} when it is stopped and reads it
     * back when {@link #restart()}ed, as a production Redis with persistence does (for tests of a store that goes
     * away and comes back); without, it keeps nothing.
     */
    static RedisTestServer start(boolean keepData) {
        Path binary = findOnPath("redis-server");
        if (binary == null) {
            String why = "redis-server is not installed (Debian package redis-server; .ci/run installs it)";
            if (System.getenv("CI") != null && !System.getenv("CI").isBlank() && !"false".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why + "; skipped because the CI environment variable is not set");
        }
        try {
            int port = freePort();
            Path log = Files.createDirectories(Path.of("target", "redis")).resolve("redis-" + port + ".log");
            Path data = log.getParent().resolve("dump-" + port + ".rdb");
            Files.deleteIfExists(data);
            // a save point that never comes within a test: the data is written only when the server is stopped
            List<String> command = List.of(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", keepData ? "3600 1000000" : "", "--appendonly", "no",
                    "--dbfilename", data.getFileName().toString(), "--daemonize", "no",
                    "--dir", log.getParent().toAbsolutePath().toString(), "--loglevel", "warning");
            RedisTestServer server = new RedisTestServer(command, port, log);
            server.launch();
            // a safety net for servers that outlive their test (a Spring context cached until the JVM ends)
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.process.destroy(), "stop-redis-" + port));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server: " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitPong(Duration.ofSeconds(10));
    }

    /** Starts the server again on the same port after {@link #stop()} (with the data it kept, if it keeps any). */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart redis-server: " + e.getMessage(), e);
        }
    }

    /**
     * A fresh client, closed with the server, set up as the app sets up its own (ClassroomConfiguration): short
     * timeouts, and commands refused at once while disconnected rather than queued.
     */
    LettuceConnectionFactory connections() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2))
                        .clientOptions(ClientOptions.builder()
                                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        factories.add(factory);
        return factory;
    }

    static StringRedisTemplate template(LettuceConnectionFactory factory) {
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }

    /** Stops the server (the clients stay, to see what they do without it). */
    void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        factories.forEach(LettuceConnectionFactory::destroy);
        stop();
    }

    private void awaitPong(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; see target/redis/");
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                throw new IOException("redis-server did not answer PING on port " + port + " within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

package lab.jielong.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The playground in a JVM of its own on a loopback port, started from this JVM's class path (the application's
 * classes and dependencies, as {@code mvn} put them together for the tests), its output in
 * {@code target/ops/NAME.log}: what the two-server test puts behind HAProxy and what the load program measures.
 */
final class AppProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private AppProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the app on {@code port}; {@code jvm} options before the class, {@code app} arguments after it. */
    static AppProcess start(String name, int port, List<String> jvm, List<String> app) {
        return start(name, port, jvm, app, null);
    }

    /** As {@link #start(String, int, List, List)}, from a packaged jar (such as the production build) if given. */
    static AppProcess start(String name, int port, List<String> jvm, List<String> app, Path jar) {
        try {
            Path log = Files.createDirectories(Path.of("target", "ops")).resolve(name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
            command.addAll(jvm);
            command.addAll(
                    jar == null ? List.of("-cp", System.getProperty("java.class.path"), "lab.jielong.Application")
                            : List.of("-jar", jar.toString()));
            command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
            command.addAll(app);
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AppProcess started = new AppProcess(name, port, process, log);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the app serves its first page (Spring and Vaadin up, corpus and models loaded). */
    AppProcess awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r =
                        http.send(HttpRequest.newBuilder(URI.create(url() + "/")).timeout(Duration.ofSeconds(30))
                                .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Ends the JVM at once, as a crash or a lost machine would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

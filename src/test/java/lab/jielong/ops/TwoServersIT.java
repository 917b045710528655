package lab.jielong.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two app JVMs behind Debian's HAProxy (sticky by a cookie it inserts) with Debian's Redis as the room store, all
 * on loopback, driven through the proxy by {@link VaadinClient}s speaking Vaadin's own protocol:
 * <ol>
 *   <li>a game through the proxy works (the decoder answers by push);</li>
 *   <li>a classroom room spans both servers: the leader on one, an attendee on the other, and the leader's page
 *       sees the attendee arrive (through Redis);</li>
 *   <li>when the player's server is killed, the player's next request reaches the other server, which does not
 *       know the session; the page reloads there (as Vaadin's client does), gets the game back from the tab's
 *       copy, says what happened, and the game goes on.</li>
 * </ol>
 * Without {@code haproxy} or {@code redis-server} it fails when {@code CI} is set and is skipped otherwise.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class TwoServersIT {

    static final String SERVER_COOKIE = "JIELONG_SERVER";
    static final Pattern IDIOM = Pattern.compile("^\\p{IsHan}{4}");
    static final Pattern ROOM_CODE = Pattern.compile("\\b[A-Z0-9]{5}\\b");

    private final List<AutoCloseable> started = new ArrayList<>();

    @Test
    void twoServersShareRoomsAndAVisitorOfAServerThatDiesGetsTheirGameBack() throws Exception {
        Path haproxyBinary = Binaries.require("haproxy", "haproxy");
        Path redisBinary = Binaries.require("redis-server", "redis-server");
        Path dir = Files.createDirectories(Path.of("target", "ops"));

        int redisPort = Binaries.freePort();
        Process redis = new ProcessBuilder(redisBinary.toString(), "--port", Integer.toString(redisPort), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
                dir.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("two-servers-redis.log").toFile()).start();
        started.add(redis::destroy);

        List<String> appArgs = List.of("--jielong.classroom.store=redis", "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort, "--jielong.snowball.warm-up=false");
        AppProcess a = AppProcess.start("two-servers-a", Binaries.freePort(), List.of("-Xmx768m"), appArgs);
        started.add(a);
        AppProcess b = AppProcess.start("two-servers-b", Binaries.freePort(), List.of("-Xmx768m"), appArgs);
        started.add(b);

        int proxyPort = Binaries.freePort();
        Path config = dir.resolve("two-servers-haproxy.cfg");
        Files.writeString(config, haproxyConfig(proxyPort, a.port(), b.port()));
        Process haproxy = new ProcessBuilder(haproxyBinary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("two-servers-haproxy.log").toFile()).start();
        started.add(haproxy::destroy);

        a.awaitReady(Duration.ofMinutes(4));
        b.awaitReady(Duration.ofMinutes(4));
        assertThat(haproxy.isAlive()).as("haproxy runs; see target/ops/two-servers-haproxy.log").isTrue();
        Thread.sleep(1000);                                     // a health check or two marks both servers up

        HttpClient http = VaadinClient.sharedHttp();
        URI proxy = URI.create("http://127.0.0.1:" + proxyPort + "/");

        // 1. a game through the proxy
        VaadinClient player = client(http, proxy);
        player.open("/");
        String playerServer = player.cookie(SERVER_COOKIE);
        assertThat(playerServer).as("HAProxy's stickiness cookie").isIn("a", "b");
        String otherServer = playerServer.equals("a") ? "b" : "a";
        play(player, "一心一意");
        assertThat(player.await(c -> c.childTexts("play-history").size() == 2, Duration.ofSeconds(30)))
                .as("the decoder answered: " + player.childTexts("play-history")).isTrue();
        List<String> game = player.childTexts("play-history");
        assertThat(game.get(0)).contains("一心一意");
        assertThat(player.sessionStorage()).as("the tab keeps a copy of its game").containsKey("jielong/play.game");

        // 2. a classroom room spans both servers
        VaadinClient leader = client(http, proxy);
        leader.setCookie(SERVER_COOKIE, otherServer);
        leader.open("/classroom");
        leader.send(List.of(leader.click("room-open")));
        assertThat(leader.await(c -> ROOM_CODE.matcher(c.text("room-code")).find(), Duration.ofSeconds(20)))
                .as("room opened: " + leader.text("room-status")).isTrue();
        Matcher code = ROOM_CODE.matcher(leader.text("room-code"));
        assertThat(code.find()).isTrue();
        VaadinClient attendee = client(http, proxy);
        attendee.setCookie(SERVER_COOKIE, playerServer);
        attendee.open("/join/" + code.group());
        assertThat(attendee.cookie(SERVER_COOKIE)).isEqualTo(playerServer);
        assertThat(leader.cookie(SERVER_COOKIE)).isEqualTo(otherServer);
        assertThat(leader.await(c -> c.text("room-people").startsWith("Present: 1 "), Duration.ofSeconds(20)))
                .as("the leader on server " + otherServer + " sees the attendee who joined on server " + playerServer
                        + ": " + leader.text("room-people"))
                .isTrue();

        // 3. the player's server dies: the next request lands on the other one, which restores the game
        (playerServer.equals("a") ? a : b).kill();
        assertThatThrownBy(() -> player.send(List.of(player.click("play-hint"))))
                .isInstanceOf(VaadinClient.SessionExpired.class);
        player.reload();
        assertThat(player.cookie(SERVER_COOKIE)).isEqualTo(otherServer);
        assertThat(player.await(c -> c.childTexts("play-history").equals(game), Duration.ofSeconds(20)))
                .as("the game came back: " + player.childTexts("play-history")).isTrue();
        assertThat(player.text("play-status")).contains("brought back from this browser tab");

        player.send(List.of(player.click("play-hint")));
        String next = player.childTexts("play-hints").stream().map(IDIOM::matcher).filter(Matcher::find)
                .map(Matcher::group).findFirst()
                .orElseThrow(() -> new AssertionError("no hint: " + player.text("play-hints")));
        play(player, next);
        assertThat(player.await(c -> c.childTexts("play-history").size() >= 3
                && c.childTexts("play-history").get(2).contains(next), Duration.ofSeconds(30)))
                .as("the game goes on on server " + otherServer + ": " + player.childTexts("play-history")).isTrue();
        assertThat(player.problems()).isEmpty();
        assertThat(leader.problems()).isEmpty();
    }

    private VaadinClient client(HttpClient http, URI proxy) {
        VaadinClient client = new VaadinClient(http, proxy);
        started.add(client);
        return client;
    }

    private static void play(VaadinClient player, String idiom) throws IOException, InterruptedException {
        List<ObjectNode> rpc = new ArrayList<>(player.typeInto("play-input", idiom));
        rpc.add(player.click("play-play"));
        player.send(rpc);
    }

    /**
     * Round robin for new visitors; afterwards the cookie HAProxy inserts keeps each browser on its server. A
     * server is checked every 300 ms (a TCP connect here; with Actuator, {@code option httpchk GET
     * /actuator/health/readiness}), and a request for a server that is down goes to another one.
     */
    static String haproxyConfig(int proxyPort, int portA, int portB) {
        return """
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 10m
                    option redispatch
                    retries 3
                frontend web
                    bind 127.0.0.1:%d
                    default_backend apps
                backend apps
                    balance roundrobin
                    cookie %s insert indirect nocache httponly
                    server a 127.0.0.1:%d cookie a check inter 300 fall 1 rise 1
                    server b 127.0.0.1:%d cookie b check inter 300 fall 1 rise 1
                """.formatted(proxyPort, SERVER_COOKIE, portA, portB);
    }

    @AfterEach
    void stopEverything() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // the rest still stop
            }
        }
    }
}

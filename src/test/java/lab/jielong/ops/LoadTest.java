package lab.jielong.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.tools.attach.VirtualMachine;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The load program: the real server, in a JVM of its own on loopback, driven through Vaadin's own protocol by
 * {@link VaadinClient}s (bootstrap, UIDL requests, push over WebSocket, heartbeats), the JSON API by plain HTTP,
 * and a few real Chromium sessions checking that pages still work. Bounded in count and time; stops by itself.
 *
 * <p>Why a small Java driver and not Gatling: a Vaadin page is a state tree whose node ids the server assigns per
 * session, with sync ids, CSRF token, return channels and push frames to keep; {@link VaadinClient} already does
 * that for the two-server test, in ~500 lines, so the load program measures the same client a test verifies.
 * Gatling would need all of it rewritten in its DSL (and brings its own plugin and a large dependency tree) for
 * nothing it adds here: HdrHistogram gives the percentiles.
 *
 * <p>What it does, in order (each phase's figures printed as it ends):
 * <ol>
 *   <li>starts the server (the test class path, or {@code --jar} a packaged build) as a 1.5 GB container would
 *       run it ({@code -XX:MaxRAM=1536m -XX:MaxRAMPercentage=70}), and measures live heap after a full GC and RSS
 *       with no sessions (Vaadin's capacity method: the same after opening the sessions, divided by their
 *       number);</li>
 *   <li>opens the sessions: idle ones (the Play page, then heartbeats only), players, a classroom leader with
 *       attendees, a training-lab visitor; measures heap again;</li>
 *   <li>phase "play": players make a move every few seconds (hints, moves, heatmap clicks), a light background of
 *       API clients, the leader pushes an exercise to the attendees, Chromium plays a move;</li>
 *   <li>phase "play + training": the same while the training lab's job runs;</li>
 *   <li>phase "API": the API clients alone at the target rate (players pause), for the API's own goal;</li>
 *   <li>checks every session still answers, heap and RSS at the end, the load average throughout.</li>
 * </ol>
 * All addresses are loopback; a {@code --server} elsewhere is refused.
 *
 * <pre>
 * ./mvnw -B -ntp -Pload -DskipTests verify -Dload.args="--jar target/jielong-lab-0.1.0-SNAPSHOT.jar"
 * </pre>
 */
public final class LoadTest {

    static final String[] OPENINGS = {"一心一意", "三心二意", "自相矛盾", "画蛇添足", "守株待兔", "对牛弹琴", "亡羊补牢",
            "井底之蛙", "狐假虎威", "杯弓蛇影", "叶公好龙", "掩耳盗铃", "南辕北辙", "刻舟求剑", "拔苗助长", "胸有成竹"};
    static final String[] PROMPTS = {"一心一", "三心二", "自相矛", "画蛇添", "守株待", "对牛弹", "亡羊补", "井底之",
            "狐假虎", "胸有成", "意气风", "风和日", "日新月", "月明星", "星火燎", "龙飞凤"};
    static final Pattern IDIOM = Pattern.compile("^\\p{IsHan}{4}");
    static final Pattern ROOM_CODE = Pattern.compile("\\b[A-Z0-9]{5}\\b");

    /** What to run: numbers of each kind of visitor, rates, phase lengths. */
    record Config(String name, int idle, int players, int attendees, int apiClients, double apiBackgroundRate,
            double apiTargetRate, boolean training, int browsers, Duration play, Duration playWithTraining,
            Duration api, long thinkMinMs, long thinkMaxMs, long seed, Path jar, URI server) {

        static Config full() {
            return new Config("full", 160, 30, 10, 16, 20, 500, true, 2, Duration.ofSeconds(60), Duration.ofSeconds(60),
                    Duration.ofSeconds(20), 2000, 5000, 16, null, null);
        }

        /** A few seconds with small numbers: the run CI makes so the program cannot rot. */
        static Config shortRun() {
            return new Config("short", 3, 2, 2, 2, 10, 40, true, 1, Duration.ofSeconds(4), Duration.ofSeconds(4),
                    Duration.ofSeconds(2), 300, 800, 16, null, null);
        }

        static Config parse(String[] args) {
            Config c = List.of(args).contains("--short") ? shortRun() : full();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--short") || a.isBlank()) {
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                c = switch (a) {
                    case "--idle" -> c.with(Map.of("idle", v));
                    case "--players" -> c.with(Map.of("players", v));
                    case "--attendees" -> c.with(Map.of("attendees", v));
                    case "--api-clients" -> c.with(Map.of("apiClients", v));
                    case "--api-rate" -> c.with(Map.of("apiTargetRate", v));
                    case "--browsers" -> c.with(Map.of("browsers", v));
                    case "--play-s" -> c.with(Map.of("play", v));
                    case "--training-s" -> c.with(Map.of("playWithTraining", v));
                    case "--api-s" -> c.with(Map.of("api", v));
                    case "--seed" -> c.with(Map.of("seed", v));
                    case "--jar" -> c.with(Map.of("jar", v));
                    case "--server" -> c.with(Map.of("server", v));
                    default -> throw new IllegalArgumentException("unknown option " + a + "; options: --short --idle N "
                            + "--players N --attendees N --api-clients N --api-rate R --browsers N --play-s S "
                            + "--training-s S --api-s S --seed N --jar PATH --server http://127.0.0.1:PORT");
                };
            }
            return c.checked();
        }

        Config with(Map<String, String> o) {
            String k = o.keySet().iterator().next();
            String v = o.get(k);
            return new Config(name, k.equals("idle") ? Integer.parseInt(v) : idle,
                    k.equals("players") ? Integer.parseInt(v) : players,
                    k.equals("attendees") ? Integer.parseInt(v) : attendees,
                    k.equals("apiClients") ? Integer.parseInt(v) : apiClients, apiBackgroundRate,
                    k.equals("apiTargetRate") ? Double.parseDouble(v) : apiTargetRate, training,
                    k.equals("browsers") ? Integer.parseInt(v) : browsers,
                    k.equals("play") ? Duration.ofSeconds(Long.parseLong(v)) : play,
                    k.equals("playWithTraining") ? Duration.ofSeconds(Long.parseLong(v)) : playWithTraining,
                    k.equals("api") ? Duration.ofSeconds(Long.parseLong(v)) : api, thinkMinMs, thinkMaxMs,
                    k.equals("seed") ? Long.parseLong(v) : seed, k.equals("jar") ? Path.of(v) : jar,
                    k.equals("server") ? URI.create(v) : server);
        }

        /** The bounds: loopback only, at most 1,000 sessions, 400 requests/s... and 10 minutes of phases. */
        Config checked() {
            if (server != null && !isLoopback(server)) {
                throw new IllegalArgumentException("only a server on this machine's loopback may be loaded: " + server);
            }
            if (idle + players + attendees > 1000 || apiClients > 64 || apiTargetRate > 2000 || browsers > 4) {
                throw new IllegalArgumentException("beyond this program's bounds (1,000 sessions, 64 API clients, "
                        + "2,000 requests/s, 4 browsers)");
            }
            if (play.plus(playWithTraining).plus(api).compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("the phases may last 10 minutes in all");
            }
            return this;
        }

        int sessions() {
            return idle + players + attendees + 1 + (training ? 1 : 0);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // what is measured

    /** Latencies in microseconds, by name. */
    final Map<String, Histogram> latencies = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Object> report = Collections.synchronizedMap(new LinkedHashMap<>());
    final AtomicLong errors = new AtomicLong();
    /** Moves the page answered "busy" (a full queue of model work) and the player asked again. */
    final AtomicLong busyAnswers = new AtomicLong();
    final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong moves = new AtomicLong();
    final AtomicLong apiOk = new AtomicLong();
    final AtomicLong apiRefused = new AtomicLong();
    /** The phase whose histograms the players and API clients record into. */
    volatile String phase = "open";
    final AtomicBoolean playersActive = new AtomicBoolean();
    final AtomicBoolean stop = new AtomicBoolean();

    private final Config config;
    private final Random random;
    private final List<VaadinClient> clients = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = VaadinClient.sharedHttp();
    private URI base;

    LoadTest(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.parse(args);
        LoadTest test = new LoadTest(config);
        Map<String, Object> report = test.run();
        System.out.println(test.summary());
        System.exit(((Number) report.get("errors")).longValue() == 0 ? 0 : 1);
    }

    Map<String, Object> run() throws Exception {
        long began = System.nanoTime();
        report.put("mode", config.name());
        report.put("load_average_start", loadAverage());
        AppProcess server = null;
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("load-scheduler"));
        ExecutorService workers = Executors.newCachedThreadPool(daemon("load-visitor"));
        try {
            if (config.server() != null) {
                base = config.server();
                report.put("server", base.toString());
            } else {
                List<String> jvm = List.of("-XX:MaxRAM=1536m", "-XX:MaxRAMPercentage=70");
                // every client comes from 127.0.0.1, so the API's per-address limit would treat them as one
                List<String> app = List.of("--jielong.api.requests-per-second=100000", "--jielong.api.burst=100000");
                server = AppProcess.start("load-server", Binaries.freePort(), jvm, app, config.jar());
                long t = System.nanoTime();
                server.awaitReady(Duration.ofMinutes(5));
                awaitWarmUp(server, Duration.ofMinutes(3));
                base = URI.create(server.url() + "/");
                report.put("server", (config.jar() == null ? "test class path (development mode)" : config.jar()
                        + "") + ", JVM " + String.join(" ", jvm) + ", ready in " + seconds(System.nanoTime() - t)
                        + " s");
                Memory before = memory(server.pid());
                report.put("heap_mb_no_sessions", mb(before.heap()));
                report.put("rss_mb_no_sessions", mb(before.rss()));
                log("server ready: heap after full GC %.1f MB, RSS %.1f MB, no sessions", mb(before.heap()),
                        mb(before.rss()));
            }

            // sessions
            long openStart = System.nanoTime();
            List<VaadinClient> idle = openMany(workers, config.idle(), "/", "page load");
            if (server != null && !idle.isEmpty()) {
                Memory withIdle = memory(server.pid());
                double perIdle = (withIdle.heap() - ((Number) report.get("heap_mb_no_sessions")).doubleValue() * 1e6)
                        / idle.size();
                report.put("heap_kb_per_idle_session", Math.round(perIdle / 1e2) / 10.0);
                log("heap after full GC with %d idle sessions (the Play page, untouched): %.1f MB, %.1f KB each",
                        idle.size(), mb(withIdle.heap()), perIdle / 1e3);
            }
            List<VaadinClient> players = openMany(workers, config.players(), "/", "page load");
            Classroom classroom = openClassroom(workers);
            VaadinClient trainer = config.training() ? open("/labs/training", "page load") : null;
            report.put("sessions_opened", clients.size());
            report.put("open_s", seconds(System.nanoTime() - openStart));
            log("%d sessions open in %.1f s (%d idle, %d players, leader + %d attendees%s)", clients.size(),
                    seconds(System.nanoTime() - openStart), idle.size(), players.size(), classroom.attendees().size(),
                    trainer == null ? "" : ", a training-lab visitor");
            if (server != null) {
                Memory with = memory(server.pid());
                report.put("heap_mb_with_sessions", mb(with.heap()));
                report.put("rss_mb_with_sessions", mb(with.rss()));
                double perSession = (with.heap() - ((Number) report.get("heap_mb_no_sessions")).doubleValue() * 1e6)
                        / clients.size();
                report.put("heap_kb_per_session", Math.round(perSession / 1e2) / 10.0);
                log("heap after full GC with %d sessions: %.1f MB (%.1f KB per session), RSS %.1f MB", clients.size(),
                        mb(with.heap()), perSession / 1e3, mb(with.rss()));
            }

            // heartbeats of the idle sessions, at the app's interval, the first one spread over the run
            long runMs = config.play().plus(config.playWithTraining()).plus(config.api()).toMillis();
            for (VaadinClient c : idle) {
                long interval = c.heartbeatSeconds() * 1000L;
                long first = (long) (random.nextDouble() * Math.min(interval, runMs));
                scheduler.scheduleAtFixedRate(() -> timed("heartbeat", c::heartbeat), first, interval,
                        TimeUnit.MILLISECONDS);
            }

            // phase 1: play
            List<Future<?>> running = new ArrayList<>();
            playersActive.set(true);
            phase = "play";
            for (int i = 0; i < players.size(); i++) {
                VaadinClient p = players.get(i);
                long seed = config.seed() * 1000 + i;
                running.add(workers.submit(() -> player(p, new Random(seed))));
            }
            AtomicInteger apiRate = new AtomicInteger((int) config.apiBackgroundRate());
            for (int i = 0; i < config.apiClients(); i++) {
                long seed = config.seed() * 2000 + i;
                running.add(workers.submit(() -> apiClient(apiRate, new Random(seed))));
            }
            Future<?> browsers = workers.submit(this::browsers);
            sleep(config.play().toMillis() / 3);
            classroom.pushPreset();
            sleep(config.play().toMillis() - config.play().toMillis() / 3);
            endPhase("play", config.play());

            // phase 2: play while a training job runs
            if (trainer != null) {
                timed("training start", () -> trainer.send(List.of(trainer.click("training-start"))));
                boolean started = trainer.await(c -> c.text("training-status").startsWith("Training")
                        || c.text("training-status").startsWith("Starting"), Duration.ofSeconds(30));
                report.put("training_started", started);
                if (!started) {
                    error("training did not start: " + trainer.text("training-status"));
                }
                phase = "play+training";
                sleep(config.playWithTraining().toMillis());
                report.put("training_status_at_end", trainer.text("training-status"));
                endPhase("play+training", config.playWithTraining());
                timed("training stop", () -> trainer.send(List.of(trainer.click("training-stop"))));
            }

            // phase 3: the API alone at its target rate
            playersActive.set(false);
            browsers.get(5, TimeUnit.MINUTES);
            sleep(1000);                                 // moves in flight finish
            phase = "api";
            apiRate.set((int) config.apiTargetRate());
            sleep(config.api().toMillis());
            endPhase("api", config.api());
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }

            // every session still answers?
            int held = 0;
            for (VaadinClient c : new ArrayList<>(clients)) {
                try {
                    c.heartbeat();
                    if (!c.expired()) {
                        held++;
                    }
                } catch (Exception e) {
                    error("session lost: " + e);
                }
                c.problems().forEach(p -> error("client: " + p));
            }
            report.put("sessions_held", held);
            log("sessions held at the end: %d of %d", held, clients.size());
            if (server != null) {
                Memory end = memory(server.pid());
                report.put("heap_mb_end", mb(end.heap()));
                report.put("rss_mb_end", mb(end.rss()));
                log("heap after full GC at the end: %.1f MB, RSS %.1f MB", mb(end.heap()), mb(end.rss()));
            }
        } finally {
            stop.set(true);
            scheduler.shutdownNow();
            workers.shutdownNow();
            clients.forEach(VaadinClient::close);
            if (server != null) {
                server.close();
            }
            report.put("errors", errors.get());
            report.put("busy_answers", busyAnswers.get());
            report.put("error_samples", List.copyOf(errorSamples.subList(0, Math.min(10, errorSamples.size()))));
            report.put("load_average_end", loadAverage());
            report.put("wall_s", seconds(System.nanoTime() - began));
            Files.createDirectories(Path.of("target", "ops"));
            Files.writeString(Path.of("target", "ops", "load-report-" + config.name() + ".json"),
                    VaadinClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        return report;
    }

    // ---------------------------------------------------------------------------------------------
    // visitors

    /** A player: think, then a move (from a hint), a hint or a click on the heatmap; a new game when one ends. */
    private void player(VaadinClient c, Random r) {
        List<String> hinted = new ArrayList<>();
        boolean first = true;
        while (!stop.get()) {
            if (!playersActive.get()) {
                sleep(200);
                continue;
            }
            sleep(config.thinkMinMs() + (long) (r.nextDouble() * (config.thinkMaxMs() - config.thinkMinMs())));
            if (!playersActive.get() || stop.get()) {
                continue;
            }
            try {
                if (c.find("play-outcome").isPresent()) {
                    timed("new game", () -> c.send(List.of(c.click("play-new"))));
                    hinted.clear();
                    first = true;
                    continue;
                }
                double roll = r.nextDouble();
                if (!first && roll < 0.15 && c.find("peek-chart").isPresent()) {
                    int row = r.nextInt(4);
                    timed("heatmap click", () -> c.send(List.of(VaadinClient.event(c.require("peek-chart").id,
                            "chart-click", Map.of("event.detail.seriesIndex", 0, "event.detail.dataIndex", row,
                                    "event.detail.name", "", "event.detail.value", "[" + row + "," + row + ",0.5]")))));
                    continue;
                }
                if (!first && (hinted.isEmpty() || roll < 0.35)) {
                    timed("hint", () -> c.send(List.of(c.click("play-hint"))));
                    hinted.clear();
                    for (String t : c.childTexts("play-hints")) {
                        Matcher m = IDIOM.matcher(t);
                        if (m.find()) {
                            hinted.add(m.group());
                        }
                    }
                    if (hinted.isEmpty()) {
                        timed("give up", () -> c.send(List.of(c.click("play-give-up"))));
                    }
                    continue;
                }
                String idiom = first ? OPENINGS[r.nextInt(OPENINGS.length)] : hinted.get(0);
                hinted.clear();
                int before = c.childTexts("play-history").size();
                List<ObjectNode> rpc = new ArrayList<>(c.typeInto("play-input", idiom));
                rpc.add(c.click("play-play"));
                long start = System.nanoTime();
                long rtt = c.send(rpc);
                if (c.childTexts("play-history").size() == before) {
                    record("move refused", rtt);       // refused by the rules (掩耳盗铃 cannot open): said at once
                    continue;
                }
                record("move", rtt);
                moves.incrementAndGet();
                first = false;
                // the model's answer is shown character by character by push (the page paces it); wait for it.
                // A full queue of model work is said at once ("busy", the move kept): the player asks again, as a
                // visitor would, and the run counts how often (busy is the bound working, not an error)
                boolean answered = false;
                for (int attempt = 0; attempt < 5 && !answered; attempt++) {
                    answered = c.await(x -> x.childTexts("play-history").size() >= before + 2
                            || x.find("play-outcome").isPresent() || modelBusy(x), Duration.ofSeconds(30))
                            && !modelBusy(c);
                    if (!answered && modelBusy(c)) {
                        busyAnswers.incrementAndGet();
                        Thread.sleep(500 + r.nextInt(1000));
                        c.send(List.of(c.click("play-play")));
                    } else if (!answered) {
                        break;
                    }
                }
                if (answered) {
                    record("answer shown", System.nanoTime() - start);
                } else {
                    error("no answer to " + idiom + " within 30 s");
                }
            } catch (VaadinClient.SessionExpired e) {
                error("session expired for a player");
                return;
            } catch (Exception e) {
                error("player: " + e);
            }
        }
    }

    /** POST /api/v1/next-char at {@code rate} requests per second shared by all API clients. */
    private void apiClient(AtomicInteger rate, Random r) {
        long next = System.nanoTime();
        while (!stop.get()) {
            int perClient = Math.max(1, rate.get());
            long gap = (long) (1e9 * config.apiClients() / perClient);
            next += gap;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            } else if (wait < -1e9) {
                next = System.nanoTime();               // fell behind by a second: do not burst to catch up
            }
            String body = "{\"text\":\"" + PROMPTS[r.nextInt(PROMPTS.length)] + "\",\"k\":5"
                    + (r.nextInt(4) == 0 ? ",\"model\":\"peeking\"" : "") + "}";
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/next-char"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                long t = System.nanoTime() - start;
                if (response.statusCode() == 200 && response.body().contains("\"")) {
                    record("api next-char", t);
                    apiOk.incrementAndGet();
                } else if (response.statusCode() == 429 || response.statusCode() == 503) {
                    apiRefused.incrementAndGet();
                    record("api refused", t);
                } else {
                    error("api answered " + response.statusCode() + ": " + response.body());
                }
            } catch (Exception e) {
                error("api: " + e);
            }
        }
    }

    /** A room: its leader's page and the attendees' join pages. */
    private final class Classroom {
        final VaadinClient leader;
        final List<VaadinClient> attendees;

        Classroom(VaadinClient leader, List<VaadinClient> attendees) {
            this.leader = leader;
            this.attendees = attendees;
        }

        List<VaadinClient> attendees() {
            return attendees;
        }

        /** The leader sends everyone to an exercise; how long until every attendee's page shows it (by push). */
        void pushPreset() {
            if (leader == null || attendees.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            try {
                leader.send(List.of(leader.click("preset-push")));
                int reached = 0;
                for (VaadinClient a : attendees) {
                    if (a.await(c -> !c.text("join-preset").isEmpty()
                            && !c.text("join-preset").startsWith("Your leader has not chosen"),
                            Duration.ofSeconds(15))) {
                        reached++;
                    }
                }
                long t = System.nanoTime() - start;
                record("exercise reaches every attendee", t);
                report.put("classroom_exercise_reached",
                        reached + " of " + attendees.size() + " attendees, the last after "
                                + ms(t / 1000) + " ms");
                if (reached < attendees.size()) {
                    error("the leader's exercise reached " + reached + " of " + attendees.size() + " attendees");
                }
            } catch (Exception e) {
                error("leader: " + e);
            }
        }
    }

    private Classroom openClassroom(ExecutorService workers) throws Exception {
        VaadinClient leader = open("/classroom", "page load");
        leader.send(List.of(leader.click("room-open")));
        if (!leader.await(c -> ROOM_CODE.matcher(c.text("room-code")).find(), Duration.ofSeconds(30))) {
            error("the room did not open: " + leader.text("room-status"));
            return new Classroom(leader, List.of());
        }
        Matcher m = ROOM_CODE.matcher(leader.text("room-code"));
        m.find();
        String code = m.group();
        List<VaadinClient> attendees = openMany(workers, config.attendees(), "/join/" + code, "join room");
        boolean seen = leader.await(c -> c.text("room-people").startsWith("Present: " + attendees.size() + " "),
                Duration.ofSeconds(30));
        report.put("classroom_leader_sees", leader.text("room-people"));
        if (!seen) {
            error("the leader does not see " + attendees.size() + " attendees: " + leader.text("room-people"));
        }
        return new Classroom(leader, attendees);
    }

    private List<VaadinClient> openMany(ExecutorService workers, int count, String path, String what) throws Exception {
        List<Future<VaadinClient>> opening = new ArrayList<>();
        ExecutorService four = Executors.newFixedThreadPool(4, daemon("load-open"));
        try {
            for (int i = 0; i < count; i++) {
                opening.add(four.submit(() -> open(path, what)));
            }
            List<VaadinClient> opened = new ArrayList<>();
            for (Future<VaadinClient> f : opening) {
                VaadinClient c = f.get(5, TimeUnit.MINUTES);
                if (c != null) {
                    opened.add(c);
                }
            }
            return opened;
        } finally {
            four.shutdownNow();
        }
    }

    private VaadinClient open(String path, String what) {
        VaadinClient c = new VaadinClient(http, base);
        try {
            record(what, c.open(path));
            clients.add(c);
            return c;
        } catch (Exception e) {
            error("opening " + path + ": " + e);
            c.close();
            return null;
        }
    }

    /** A couple of real Chromium sessions during the play phase: the page loads and a move is answered. */
    private void browsers() {
        int ok = 0;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < config.browsers(); i++) {
            Optional<String> problem = BrowserCheck.playOneMove(base, OPENINGS[i % OPENINGS.length], this::record);
            if (problem.isEmpty()) {
                ok++;
            } else {
                notes.add(problem.get());
                if (!problem.get().startsWith("skipped")) {
                    error("browser: " + problem.get());
                }
            }
        }
        report.put("browsers_ok", ok + " of " + config.browsers());
        report.put("browser_notes", notes);
    }

    // ---------------------------------------------------------------------------------------------
    // figures

    private void endPhase(String name, Duration length) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seconds", length.toSeconds());
        figures.put("load_average", loadAverage());
        synchronized (latencies) {
            latencies.forEach((key, h) -> {
                if (key.startsWith(name + "/")) {
                    figures.put(key.substring(name.length() + 1), percentiles(h));
                }
            });
        }
        Histogram move = latencies.get(name + "/move");
        if (move != null) {
            figures.put("moves_per_s", Math.round(move.getTotalCount() * 10.0 / length.toSeconds()) / 10.0);
        }
        Histogram api = latencies.get(name + "/api next-char");
        if (api != null) {
            figures.put("api_per_s", Math.round(api.getTotalCount() * 10.0 / length.toSeconds()) / 10.0);
        }
        figures.put("errors_so_far", errors.get());
        report.put("phase " + name, figures);
        log("phase %s: %s", name, figures);
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        p.put("p50_ms", ms(h.getValueAtPercentile(50)));
        p.put("p95_ms", ms(h.getValueAtPercentile(95)));
        p.put("p99_ms", ms(h.getValueAtPercentile(99)));
        p.put("max_ms", ms(h.getMaxValue()));
        return p;
    }

    void record(String what, long nanos) {
        String key = (what.equals("page load") || what.equals("join room") ? "open" : phase) + "/" + what;
        latencies.computeIfAbsent(key, k -> new ConcurrentHistogram(3_600_000_000L, 3))
                .recordValue(Math.max(1, nanos / 1000));
    }

    interface Timed {
        long run() throws Exception;
    }

    private void timed(String what, Timed action) {
        try {
            record(what, action.run());
        } catch (VaadinClient.SessionExpired e) {
            error(what + ": session expired");
        } catch (Exception e) {
            error(what + ": " + e);
        }
    }

    /** The page says the model has not answered because the models were busy (its English or Chinese text). */
    private static boolean modelBusy(VaadinClient c) {
        String status = c.find("play-status").map(n -> c.text("play-status")).orElse("");
        return MODEL_BUSY.stream().anyMatch(status::contains);
    }

    private static final List<String> MODEL_BUSY = Stream.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)
            .map(l -> ResourceBundle.getBundle("vaadin-i18n.translations", l).getString("play.modelBusy"))
            .map(t -> t.substring(0, Math.min(12, t.length())))
            .toList();

    private void error(String what) {
        errors.incrementAndGet();
        if (errorSamples.size() < 50) {
            errorSamples.add(what);
        }
    }

    String summary() {
        StringBuilder out = new StringBuilder("\n== load test (" + config.name() + ") ==\n");
        report.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // the server's memory (Vaadin's method: live heap after a full GC, with and without the sessions)

    record Memory(long heap, long rss) {
    }

    static Memory memory(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection connection = connector.getMBeanServerConnection();
                MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connection,
                        ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
                memory.gc();
                memory.gc();
                return new Memory(memory.getHeapMemoryUsage().getUsed(), rss(pid));
            }
        } finally {
            vm.detach();
        }
    }

    static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** Waits for the snowball lab's warm-up (the JIT compiling the kernels) to end, so it is not measured. */
    private static void awaitWarmUp(AppProcess server, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(server.log()).contains("kernels warmed up")) {
                return;
            }
            sleep(500);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static boolean isLoopback(URI uri) {
        try {
            return InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[load %s] " + format + "%n", prepend(loadAverage(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    static double mb(long bytes) {
        return Math.round(bytes / 1e5) / 10.0;
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

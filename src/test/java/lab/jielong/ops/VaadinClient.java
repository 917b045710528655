package lab.jielong.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One browser tab speaking Vaadin Flow's own protocol, as its TypeScript client does, without a browser: the
 * bootstrap page, the {@code v-r=init} request (the UI's first state, CSRF token, push id), server push over
 * Atmosphere's WebSocket protocol, UIDL requests ({@code v-r=uidl}: events, property syncs and return-channel
 * answers, with the client and server sync ids), heartbeats ({@code v-r=heartbeat}), and a reload when the server
 * says the session has expired. The UI's state tree is kept ({@link StateTree}), so a caller finds elements by
 * their {@code id} and reads their text.
 *
 * <p>What the real client would run as JavaScript is not run. Two scripts the app relies on are answered as a
 * browser would: {@code Page.retrieveExtendedClientDetails} (the tab's window name, which stays the same across
 * reloads, as {@code window.name} does) and the Play page's copy of the game in the tab's {@code sessionStorage}
 * (kept per client, across reloads). Any other script that expects an answer gets {@code null}.
 *
 * <p>Cookies are kept per client by hand, so many clients share one {@link HttpClient} (and its one selector
 * thread). Not thread-safe for concurrent callers; push messages arrive on the WebSocket's thread and are applied
 * under the client's lock, in sync-id order.
 */
final class VaadinClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Vaadin's client waits for an answer as long as it takes; this one gives up after two minutes. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static boolean debug() {
        return Boolean.getBoolean("load.debug");
    }

    private final HttpClient http;
    private final URI base;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    /** {@code window.name}: Vaadin sets it once per tab and the browser keeps it across reloads. */
    private final String windowName = "ROOT-load-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    /** The tab's {@code sessionStorage}, which also survives reloads (and a change of server). */
    private final Map<String, String> sessionStorage = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    private StateTree tree = new StateTree();
    private int uiId;
    private String csrfToken;
    private String pushId;
    private int heartbeatSeconds = 300;
    private int lastSyncId = -1;
    private int clientId;
    private final TreeMap<Integer, JsonNode> pending = new TreeMap<>();
    /** Answers to scripts that came by push, sent with the next request. */
    private final List<ObjectNode> deferred = new ArrayList<>();
    private WebSocket push;
    private final StringBuilder pushBuffer = new StringBuilder();
    private boolean expired;
    private String location = "";
    private String query = "";
    private final List<String> problems = new ArrayList<>();
    private int pushMessages;

    VaadinClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    static HttpClient sharedHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // ---------------------------------------------------------------------------------------------
    // page loads

    /**
     * Loads {@code pathAndQuery} (such as {@code /} or {@code /join?code=ABCDE}) as a new page of this tab: the
     * bootstrap page, the UI's initial state, push, and the navigation to the route. Returns the nanoseconds
     * the whole load took.
     */
    long open(String pathAndQuery) throws IOException, InterruptedException {
        long start = System.nanoTime();
        closePush();
        String path = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
        int q = path.indexOf('?');
        location = q < 0 ? path : path.substring(0, q);
        query = q < 0 ? "" : path.substring(q + 1);
        HttpResponse<String> page = get("/" + path);
        check(page, "bootstrap page /" + path);
        HttpResponse<String> init = get("/?v-r=init&location="
                + enc(location) + "&query=" + enc(query));
        check(init, "init");
        JsonNode app = JSON.readTree(init.body()).path("appConfig");
        synchronized (lock) {
            tree = new StateTree();
            pending.clear();
            deferred.clear();
            lastSyncId = -1;
            expired = false;
            uiId = app.path("v-uiId").asInt();
            heartbeatSeconds = app.path("heartbeatInterval").asInt(300);
            JsonNode uidl = app.path("uidl");
            csrfToken = uidl.path("Vaadin-Security-Key").asText();
            pushId = uidl.path("Vaadin-Push-ID").asText();
            clientId = 0;
            receive(uidl);
        }
        openPush();
        ObjectNode navigate = event(1, "ui-navigate", Map.of("route", location, "query", query, "appShellTitle", "",
                "trigger", ""));
        ((ObjectNode) navigate.get("data")).putNull("historyState");
        send(List.of(navigate));
        return System.nanoTime() - start;
    }

    /** Reloads the page this tab shows (a new UI; the same cookies, window name and sessionStorage). */
    long reload() throws IOException, InterruptedException {
        return open("/" + location + (query.isEmpty() ? "" : "?" + query));
    }

    // ---------------------------------------------------------------------------------------------
    // requests

    /** Sends one UIDL request with these invocations; returns its round trip in nanoseconds. */
    long send(List<ObjectNode> rpc) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode calls = body.putArray("rpc");
        int syncId;
        synchronized (lock) {
            if (expired) {
                throw new SessionExpired();
            }
            body.put("csrfToken", csrfToken);
            deferred.forEach(calls::add);
            deferred.clear();
            rpc.forEach(calls::add);
            syncId = lastSyncId;
            body.put("syncId", syncId);
            body.put("clientId", clientId);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/?v-r=uidl&v-uiId=" + uiId))
                .timeout(TIMEOUT).header("Content-Type", "application/json; charset=UTF-8").headers(cookieHeader())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        keepCookies(response);
        check(response, "uidl");
        JsonNode messages = JSON.readTree(stripGuard(response.body()));
        List<ObjectNode> answers = new ArrayList<>();
        synchronized (lock) {
            for (JsonNode message : messages) {
                if (message.has("clientId")) {
                    clientId = message.get("clientId").asInt();
                }
                answers.addAll(receive(message));
            }
            lock.notifyAll();
        }
        if (expired) {
            throw new SessionExpired();
        }
        if (!answers.isEmpty()) {
            send(answers);                      // return-channel answers go in the next request, as the client does
        }
        return elapsed;
    }

    /** Vaadin's heartbeat: keeps the UI alive while the visitor does nothing. Returns its round trip in ns. */
    long heartbeat() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/?v-r=heartbeat&v-uiId=" + uiId))
                .timeout(TIMEOUT).headers(cookieHeader()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        keepCookies(response);
        if (response.statusCode() == 403 || response.statusCode() == 410) {
            synchronized (lock) {
                expired = true;
            }
            throw new SessionExpired();
        }
        check(response, "heartbeat");
        return System.nanoTime() - start;
    }

    int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    // ---------------------------------------------------------------------------------------------
    // what a visitor does

    /** Types {@code value} into the field with this id (its value synced, then its change event). */
    List<ObjectNode> typeInto(String elementId, String value) {
        int node = require(elementId).id;
        ObjectNode sync = JSON.createObjectNode().put("type", "mSync").put("node", node).put("feature", 1)
                .put("property", "value").put("value", value);
        return List.of(sync, event(node, "change", Map.of()));
    }

    /** A mouse click on the element with this id, with the event data a browser's click sends. */
    ObjectNode click(String elementId) {
        return event(require(elementId).id, "click", Map.of("event.shiftKey", false, "event.metaKey", false,
                "event.detail", 1, "event.ctrlKey", false, "event.clientX", 10, "event.clientY", 10,
                "event.altKey", false, "event.button", 0, "event.screenY", 10, "event.screenX", 10));
    }

    /** A DOM event on a node, with the event data its listener asked for. */
    static ObjectNode event(int node, String name, Map<String, ?> data) {
        ObjectNode e = JSON.createObjectNode().put("type", "event").put("node", node).put("event", name);
        e.set("data", JSON.valueToTree(data));
        return e;
    }

    StateTree.Node require(String elementId) {
        synchronized (lock) {
            return tree.byId(elementId).orElseThrow(() -> new IllegalStateException(
                    "no element #" + elementId + " on /" + location + " (" + tree.size() + " nodes)"));
        }
    }

    Optional<StateTree.Node> find(String elementId) {
        synchronized (lock) {
            return tree.byId(elementId);
        }
    }

    /** The text of the element with this id (empty string if there is none). */
    String text(String elementId) {
        synchronized (lock) {
            return tree.byId(elementId).map(tree::text).orElse("");
        }
    }

    /** The element's children's texts (such as the rows of the game's history). */
    List<String> childTexts(String elementId) {
        synchronized (lock) {
            return tree.byId(elementId).map(n -> tree.children(n).stream().map(tree::text).toList()).orElse(List.of());
        }
    }

    /** Reads the tree under the client's lock. */
    <T> T read(java.util.function.Function<StateTree, T> reader) {
        synchronized (lock) {
            return reader.apply(tree);
        }
    }

    /** Waits until {@code condition} holds for the tree (pushed changes arrive meanwhile); false on time-out. */
    boolean await(Predicate<VaadinClient> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || expired) {
                    return condition.test(this);
                }
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    boolean expired() {
        synchronized (lock) {
            return expired;
        }
    }

    Map<String, String> sessionStorage() {
        return sessionStorage;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** Forgets the cookies (the tab's window name and sessionStorage stay): as a server that lost the session. */
    void forgetCookies() {
        cookies.clear();
    }

    int pushMessages() {
        synchronized (lock) {
            return pushMessages;
        }
    }

    /** What went wrong that the page did not show (unexpected replies, lost messages). */
    List<String> problems() {
        synchronized (lock) {
            return List.copyOf(problems);
        }
    }

    @Override
    public void close() {
        closePush();
    }

    // ---------------------------------------------------------------------------------------------
    // messages from the server

    /** Applies a server message in sync-id order; returns the return-channel answers it asks for. */
    private List<ObjectNode> receive(JsonNode message) {
        JsonNode meta = message.path("meta");
        if (meta.path("sessionExpired").asBoolean(false)) {
            expired = true;
            return List.of();
        }
        if (meta.has("appError")) {
            problems.add("appError: " + meta.get("appError"));
        }
        if (!message.has("syncId")) {
            return apply(message);
        }
        int syncId = message.get("syncId").asInt();
        if (syncId <= lastSyncId) {
            return List.of();                              // already seen (a push and a response crossed)
        }
        pending.put(syncId, message);
        List<ObjectNode> answers = new ArrayList<>();
        while (!pending.isEmpty() && (lastSyncId < 0 || pending.firstKey() == lastSyncId + 1)) {
            Map.Entry<Integer, JsonNode> next = pending.pollFirstEntry();
            lastSyncId = next.getKey();
            answers.addAll(apply(next.getValue()));
        }
        if (pending.size() > 20) {
            problems.add("lost server message " + (lastSyncId + 1) + "; waiting with " + pending.size());
        }
        return answers;
    }

    private List<ObjectNode> apply(JsonNode message) {
        if (message.has("changes")) {
            tree.apply(message.get("changes"));
        }
        List<ObjectNode> answers = new ArrayList<>();
        for (JsonNode invocation : message.path("execute")) {
            answers.addAll(run(invocation));
        }
        return answers;
    }

    /**
     * A script the server asks the browser to run: {@code [arg…, script]}. An argument {@code [0, node]} is an
     * element; {@code [2, node, channel]} a return channel, the first for the result and the second for an error.
     */
    private List<ObjectNode> run(JsonNode invocation) {
        int n = invocation.size();
        String script = invocation.get(n - 1).asText();
        if (debug()) {
            System.out.println(
                    "[execute] " + invocation.toString().substring(0, Math.min(400, invocation.toString().length())));
        }
        if (script.contains("sessionStorage.setItem")) {
            sessionStorage.put(invocation.get(0).asText(), invocation.get(1).asText());
        }
        for (int i = 0; i < n - 1; i++) {
            JsonNode arg = invocation.get(i);
            if (arg.isArray() && arg.size() == 3 && arg.get(0).asInt() == 2) {
                ArrayNode args = JSON.createArrayNode().add(answer(script, invocation));
                ObjectNode call = JSON.createObjectNode().put("type", "channel").put("node", arg.get(1).asInt())
                        .put("channel", arg.get(2).asInt());
                call.set("args", args);
                return List.of(call);                  // the success channel; the error channel is the next one
            }
        }
        return List.of();
    }

    /** What a browser would return for {@code script}. */
    private JsonNode answer(String script, JsonNode invocation) {
        if (script.contains("getBrowserDetailsParameters") || script.contains("v-wn")) {
            return JSON.valueToTree(Map.ofEntries(Map.entry("v-sh", "900"), Map.entry("v-sw", "1280"),
                    Map.entry("v-wh", "800"), Map.entry("v-ww", "1280"), Map.entry("v-bh", "800"),
                    Map.entry("v-bw", "1280"), Map.entry("v-curdate", Long.toString(System.currentTimeMillis())),
                    Map.entry("v-tzo", "0"), Map.entry("v-dstd", "0"), Map.entry("v-rtzo", "0"),
                    Map.entry("v-dston", "false"), Map.entry("v-tzid", "UTC"), Map.entry("v-wn", windowName),
                    Map.entry("v-td", "false"), Map.entry("v-pr", "1"), Map.entry("v-np", "Linux x86_64")));
        }
        if (script.contains("sessionStorage.getItem")) {
            String value = sessionStorage.get(invocation.get(0).asText());
            return value == null ? JSON.nullNode() : JSON.getNodeFactory().textNode(value);
        }
        return JSON.nullNode();
    }

    // ---------------------------------------------------------------------------------------------
    // push (Atmosphere over a WebSocket, messages prefixed with their length)

    private void openPush() {
        String url = base.toString().replaceFirst("^http", "ws").replaceAll("/$", "")
                + "/VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId=" + enc(pushId)
                + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1&X-Atmosphere-Transport=websocket"
                + "&X-Atmosphere-TrackMessageSize=true&Content-Type=application/json;%20charset=UTF-8"
                + "&X-atmo-protocol=true&X-Vaadin-LastSeenServerSyncId=" + Math.max(0, lastSyncId);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        String cookie = cookieValue();
        if (!cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        try {
            push = builder.buildAsync(URI.create(url), new PushListener()).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            synchronized (lock) {
                problems.add("push did not connect: " + e);
            }
        }
    }

    private void closePush() {
        WebSocket socket = push;
        push = null;
        if (socket != null) {
            socket.abort();
        }
        synchronized (lock) {
            pushBuffer.setLength(0);
        }
    }

    private final class PushListener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (lock) {
                if (webSocket == push) {
                    pushBuffer.append(data);
                    drainPush();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            synchronized (lock) {
                if (webSocket == push) {
                    problems.add("push: " + error);
                }
            }
        }
    }

    /** Takes every complete {@code length|message} off the buffer and applies the UIDL ones. */
    private void drainPush() {
        while (true) {
            int bar = pushBuffer.indexOf("|");
            if (bar < 0) {
                return;
            }
            int length;
            try {
                length = Integer.parseInt(pushBuffer.substring(0, bar));
            } catch (NumberFormatException e) {
                problems.add("push: unframed data " + pushBuffer.substring(0, Math.min(40, pushBuffer.length())));
                pushBuffer.setLength(0);
                return;
            }
            if (pushBuffer.length() < bar + 1 + length) {
                return;
            }
            String message = pushBuffer.substring(bar + 1, bar + 1 + length);
            pushBuffer.delete(0, bar + 1 + length);
            String json = stripGuard(message);
            if (!json.startsWith("[")) {
                continue;                                  // Atmosphere's handshake (tracking id) and padding
            }
            try {
                List<ObjectNode> answers = new ArrayList<>();
                for (JsonNode m : JSON.readTree(json)) {
                    answers.addAll(receive(m));
                }
                pushMessages++;
                deferred.addAll(answers);             // sent with the next request
            } catch (IOException e) {
                problems.add("push: bad JSON " + e.getMessage());
            }
            lock.notifyAll();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP details

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .headers(cookieHeader()).header("Accept-Language", "en").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        keepCookies(response);
        return response;
    }

    private String[] cookieHeader() {
        String value = cookieValue();
        return value.isEmpty() ? new String[] {"X-Load", "1"} : new String[] {"Cookie", value};
    }

    private String cookieValue() {
        StringBuilder out = new StringBuilder();
        cookies.forEach((k, v) -> out.append(out.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return out.toString();
    }

    private void keepCookies(HttpResponse<?> response) {
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
    }

    private void check(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            String body = response.body() == null ? "" : response.body();
            if (body.contains("sessionExpired")) {
                synchronized (lock) {
                    expired = true;
                }
                throw new SessionExpired();
            }
            throw new IllegalStateException(what + " answered HTTP " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
    }

    private static String stripGuard(String body) {
        String s = body.strip();
        return s.startsWith("for(;;);") ? s.substring("for(;;);".length()) : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The server no longer knows this tab's session: reload, as Vaadin's client does. */
    static final class SessionExpired extends RuntimeException {
        SessionExpired() {
            super("session expired", null, false, false);
        }
    }
}

package lab.jielong.classroom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.SessionDestroyEvent;
import com.vaadin.flow.server.SessionDestroyListener;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.game.Difficulty;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A workshop through the real pages, without a browser: the leader's page in this test's Vaadin session,
 * attendees' pages in sessions of their own ({@link KaribuSession}), the app's own {@link ClassroomService}
 * with its timer. Subclasses choose the room store: {@link MemoryClassroomFlowTest}, {@link RedisClassroomFlowTest}
 * (which adds attendees on a second service instance, as on a second app server).
 */
abstract class ClassroomFlowTest extends KaribuSpringTest {

    /**
     * The app's routes. Karibu's auto-discovery (ClassGraph) sees public classes only, and the classroom's
     * views are package-private, so they are added by name.
     */
    static final Routes ROUTES = routes();
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    ApplicationContext context;
    @Autowired
    ClassroomService classroom;
    private final List<KaribuSession> sessions = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private static Routes routes() {
        Routes routes = new Routes().autoDiscoverViews("lab.jielong");
        for (String view : List.of("lab.jielong.classroom.ui.ClassroomView", "lab.jielong.classroom.ui.JoinView",
                "lab.jielong.play.ui.PlayView", "lab.jielong.guess.ui.GuessView")) {
            try {
                routes.getRoutes().add((Class<? extends Component>) Class.forName(view));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return routes;
    }

    /** This test's own session again, with the classroom's routes. */
    @BeforeEach
    void withClassroomRoutes() {
        MockVaadin.tearDown();
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(KaribuSession::close);
        sessions.clear();
    }

    KaribuSession attendee(String name) {
        KaribuSession session = new KaribuSession(name, ROUTES, context, Languages.ENGLISH);
        sessions.add(session);
        return session;
    }

    /** Waits until the leader's page, after the pushes so far, passes {@code check}. */
    static void leaderSees(Runnable check) {
        await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            MockVaadin.clientRoundtrip();
            check.run();
        });
    }

    static void attendeeSees(KaribuSession attendee, Runnable check) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> attendee.run(check));
    }

    static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    /** Events recorded by attendees who are not on this app instance; none here. */
    void recordElsewhere(String code) {
    }

    /** How many attendees {@link #recordElsewhere} seats. */
    int elsewhere() {
        return 0;
    }

    @Test
    void aLeaderRunsARoomForSeveralAttendees() throws Exception {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("classroom");
        _click(_get(Button.class, spec -> spec.withId("room-open")));
        String code = _get(Span.class, spec -> spec.withId("room-code")).getText();
        assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}");
        String link = _get(Anchor.class, spec -> spec.withId("room-link")).getHref();
        assertThat(link).startsWith("http").endsWith("/join/" + code);
        assertThat(_get(Image.class, spec -> spec.withId("room-qr")).getSrc()).startsWith("data:image/svg+xml;base64,");
        assertThat(QrCode.of(link).dataUrl()).isEqualTo(_get(Image.class, spec -> spec.withId("room-qr")).getSrc());

        // three attendees open the join link on their phones
        List<KaribuSession> attendees = List.of(attendee("a"), attendee("b"), attendee("c"));
        for (KaribuSession attendee : attendees) {
            attendee.run(() -> {
                UI.getCurrent().navigate("join/" + code.toLowerCase(Locale.ROOT));
                assertThat(_get(H2.class, spec -> spec.withText("Room " + code))).isNotNull();
                assertThat(text("join-preset")).startsWith("Your leader has not chosen an exercise yet");
                assertThat(_find(Anchor.class, spec -> spec.withId("join-open"))).as("nothing to open yet").isEmpty();
            });
        }
        recordElsewhere(code);
        int joined = 3 + elsewhere();
        leaderSees(() -> assertThat(text("room-people")).startsWith("Present: " + joined + " ")
                .endsWith("joined: " + joined + " of 500"));

        // the leader sends everyone to Play, 同音, hard, and locks it
        _setValue(_get(Select.class, spec -> spec.withId("preset-page")), "play");
        _setValue(_get(Select.class, spec -> spec.withId("preset-mode")), MatchMode.SAME_SYLLABLE);
        _setValue(_get(Select.class, spec -> spec.withId("preset-difficulty")), Difficulty.HARD);
        _setValue(_get(Checkbox.class, spec -> spec.withId("preset-lock")), true);
        _click(_get(Button.class, spec -> spec.withId("preset-push")));
        assertThat(text("preset-current"))
                .isEqualTo("Sent to everyone and locked: Play: Same sound, Hard, you open, guided.");
        for (KaribuSession attendee : attendees) {
            attendeeSees(attendee, () -> {
                assertThat(text("join-preset")).isEqualTo("Play: Same sound, Hard, you open, guided");
                Anchor open = _get(Anchor.class, spec -> spec.withId("join-open"));
                assertThat(open.getHref()).isEqualTo("./?mode=sound&difficulty=hard&opener=you&guided=true");
                assertThat(text("join-locked")).startsWith("Locked");
            });
        }

        // what Play and Guess will do, through the session-bound API: ask, then report
        for (int i = 0; i < attendees.size(); i++) {
            boolean attendeeWins = i == 0;
            attendees.get(i).run(() -> {
                RoomStatus here = classroom.here().orElseThrow();
                assertThat(here.lockedPreset()).contains(new Preset.Play(MatchMode.SAME_SYLLABLE, Difficulty.HARD,
                        Side.HUMAN, true));
                classroom.recordHere(ClassroomEvent.move("一心一意", ClassroomEvent.Player.ATTENDEE, true));
                classroom.recordHere(ClassroomEvent.move("意气风发", ClassroomEvent.Player.MODEL, true));
                classroom.recordHere(ClassroomEvent.move("发发发发", ClassroomEvent.Player.ATTENDEE, false));
                classroom.recordHere(ClassroomEvent.gameOver(attendeeWins ? ClassroomEvent.Player.ATTENDEE
                        : ClassroomEvent.Player.MODEL));
                classroom.recordHere(ClassroomEvent.guessRound(true, false));
            });
        }
        int games = 3 + elsewhere();
        leaderSees(() -> {
            assertThat(text("chart-moves-summary")).isEqualTo((9 + 3 * elsewhere()) + " moves so far: "
                    + (6 + 2 * elsewhere()) + " by attendees (" + (3 + elsewhere()) + " refused), "
                    + (3 + elsewhere()) + " by the model.");
            assertThat(text("chart-games-summary")).isEqualTo("The model won "
                    + Math.round(100.0 * (games - 1) / games) + "% of " + games + " finished games.");
            assertThat(_get(EChart.class, spec -> spec.withId("chart-idioms")).getOptionJson())
                    .contains("一心一意").contains("意气风发").doesNotContain("发发发发");
            assertThat(text("chart-guesses-summary"))
                    .startsWith("Attendees beat the model (right where it was wrong) in ");
            assertThat(text("chart-training-summary")).isEqualTo("No training run yet.");
        });
        for (String chart : List.of("chart-moves", "chart-idioms", "chart-games", "chart-guesses")) {
            assertThat(seriesTypes(_get(EChart.class, spec -> spec.withId(chart)).getOptionJson()))
                    .as("series of %s that jl-echart.ts registers", chart).isSubsetOf(registeredSeries());
        }

        // the leader's page follows the language switch
        UI.getCurrent().setLocale(Languages.CHINESE);
        assertThat(text("chart-games-summary")).startsWith("已结束的 " + games + " 局里，模型赢了");
        UI.getCurrent().setLocale(Languages.ENGLISH);

        // one attendee leaves; the leader closes the room; the others see that it ended
        attendees.get(2).run(() -> _click(_get(Button.class, spec -> spec.withId("join-leave"))));
        leaderSees(() -> assertThat(text("room-people")).endsWith("joined: " + (joined - 1) + " of 500"));
        _click(_get(Button.class, spec -> spec.withId("room-close")));
        assertThat(text("room-status")).startsWith("The room is closed");
        assertThat(_get(Button.class, spec -> spec.withId("room-open")).isVisible()).isTrue();
        for (KaribuSession attendee : attendees.subList(0, 2)) {
            attendeeSees(attendee, () -> assertThat(text("join-message"))
                    .isEqualTo("Room " + code + " has ended. Thanks for taking part!"));
        }
        attendees.get(0)
                .run(() -> assertThat(classroom.here()).map(RoomStatus::availability).contains(Availability.ENDED));
    }

    @Test
    void anAttendeeWhoseSessionEndsGivesUpTheSeat() {
        String code = classroom.open().code().orElseThrow();
        KaribuSession phone = attendee("gone");
        phone.run(() -> UI.getCurrent().navigate("join/" + code));
        assertThat(classroom.report(code).snapshot().orElseThrow().joined()).isEqualTo(1);
        // the listener the app registers with Vaadin, called as Vaadin calls it when the container ends the
        // session (Karibu's own session closing re-creates a session on the same thread, which Vaadin refuses)
        VaadinService vaadin = Mockito.mock(VaadinService.class);
        new ClassroomSessions(classroom).serviceInit(new ServiceInitEvent(vaadin));
        ArgumentCaptor<SessionDestroyListener> listener = ArgumentCaptor.forClass(SessionDestroyListener.class);
        Mockito.verify(vaadin).addSessionDestroyListener(listener.capture());
        phone.run(
                () -> listener.getValue().sessionDestroy(new SessionDestroyEvent(vaadin, VaadinSession.getCurrent())));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(classroom.report(code).snapshot().orElseThrow().joined()).isZero());
        classroom.closeRoom(code);
    }

    @Test
    void aTypedCodeIsCheckedWithAClearMessage() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("join");
        for (String[] typed : new String[][] {
                {"", "Please type the room code your leader shows."},
                {"AB2", "A room code has 5 letters and digits; «AB2» does not."},
                {"AB0DE", "Room codes never use 0, O, 1, I or L, which look alike: please check «AB0DE»."},
                {"<b>x", "A room code has only letters and digits: «<b>x» is not one."},
                {"zzzzz", "No open room has the code ZZZZZ: check it, or the room may have ended."}}) {
            _setValue(_get(TextField.class, spec -> spec.withId("join-code")), typed[0]);
            _click(_get(Button.class, spec -> spec.withId("join-go")));
            assertThat(_get(Paragraph.class, spec -> spec.withId("join-message")).getText()).isEqualTo(typed[1]);
        }
        UI.getCurrent().setLocale(Languages.CHINESE);
        assertThat(_get(Paragraph.class, spec -> spec.withId("join-message")).getText())
                .isEqualTo("没有房间码为 ZZZZZ 的开放房间：请检查一下，或者房间已经结束了。");
        assertThat(classroom.seatHere()).isEmpty();
        classroom.recordHere(ClassroomEvent.gameOver(ClassroomEvent.Player.MODEL));   // outside a room: nothing, no error
        assertThat(classroom.here()).isEmpty();
    }

    @Test
    void aFullRoomSaysSo() {
        Opening opening = classroom.open();
        String code = opening.code().orElseThrow();
        int capacity = classroom.settings().capacity();
        for (int i = 0; i < capacity; i++) {
            assertThat(classroom.join(code).outcome()).isEqualTo(JoinResult.Outcome.JOINED);
        }
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("join/" + code);
        assertThat(_get(Paragraph.class, spec -> spec.withId("join-message")).getText())
                .isEqualTo("Room " + code + " is full.");
        classroom.closeRoom(code);
    }

    @Test
    void theLeaderSendsGuessClearsItAndIsOfferedOnlyLabsThatExist() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("classroom");
        _click(_get(Button.class, spec -> spec.withId("room-open")));
        @SuppressWarnings("unchecked")
        Select<String> page = _get(Select.class, spec -> spec.withId("preset-page"));
        boolean noLab = ClassroomViewLabs.available().isEmpty();
        assertThat(page.getListDataView().getItems().toList())
                .isEqualTo(noLab ? List.of("play", "guess") : List.of("play", "guess", "lab"));

        _setValue(page, "guess");
        UI.getCurrent().setLocale(Languages.CHINESE);
        assertThat(page.getValue()).as("a language switch keeps the leader's choice").isEqualTo("guess");
        UI.getCurrent().setLocale(Languages.ENGLISH);
        _setValue(_get(TextField.class, spec -> spec.withId("preset-text")), "一心一");
        _click(_get(Button.class, spec -> spec.withId("preset-push")));
        assertThat(text("preset-current")).isEqualTo("Sent to everyone: Guess the next character after 一心一.");
        String code = _get(Span.class, spec -> spec.withId("room-code")).getText();
        assertThat(classroom.status(code).preset()).contains(new Preset.Guess("一心一"));
        assertThat(classroom.status(code).locked()).isFalse();
        _click(_get(Button.class, spec -> spec.withId("preset-clear")));
        assertThat(text("preset-current")).isEqualTo("Nothing sent yet: attendees choose for themselves.");
        assertThat(classroom.status(code).preset()).isEmpty();
        _click(_get(Button.class, spec -> spec.withId("room-close")));
    }

    static Set<String> seriesTypes(String optionJson) throws Exception {
        Set<String> types = new HashSet<>();
        new ObjectMapper().readTree(optionJson).path("series")
                .forEach(series -> types.add(series.path("type").asText()));
        return types;
    }

    /** The series types the chart element imports from ECharts ({@code BarChart} → {@code bar}). */
    static Set<String> registeredSeries() throws Exception {
        String element = Files.readString(Path.of("frontend/components/jl-echart.ts"));
        Matcher imports = Pattern.compile("import \\{([^}]*)\\} from 'echarts/charts'").matcher(element);
        assertThat(imports.find()).as("jl-echart.ts imports its charts from echarts/charts").isTrue();
        Set<String> types = new HashSet<>();
        for (String name : imports.group(1).split(",")) {
            types.add(name.strip().replace("Chart", "").toLowerCase(Locale.ROOT));
        }
        return types;
    }

    /** The labs' routes, as the leader's page looks them up. */
    static final class ClassroomViewLabs {
        static List<String> available() {
            RouteConfiguration routes = RouteConfiguration.forApplicationScope();
            return Stream.of("snowball", "training", "scaling", "encdec")
                    .filter(l -> routes.getRoute("labs/" + l).isPresent()).toList();
        }
    }

    @Test
    void thePagesThemselvesReportToTheRoomAndFollowItsLock() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("classroom");
        _click(_get(Button.class, spec -> spec.withId("room-open")));
        String code = _get(Span.class, spec -> spec.withId("room-code")).getText();
        _setValue(_get(Select.class, spec -> spec.withId("preset-page")), "play");
        _setValue(_get(Select.class, spec -> spec.withId("preset-mode")), MatchMode.SAME_SYLLABLE);
        _setValue(_get(Checkbox.class, spec -> spec.withId("preset-lock")), true);
        _click(_get(Button.class, spec -> spec.withId("preset-push")));

        KaribuSession attendee = attendee("player");
        attendee.run(() -> {
            UI.getCurrent().navigate("join/" + code);
            UI.getCurrent().navigate("");                        // Play without the preset's link: the lock still holds
            Select<?> mode = _get(Select.class, spec -> spec.withId("play-mode"));
            assertThat(mode.getValue()).isEqualTo(MatchMode.SAME_SYLLABLE);
            assertThat(mode.isReadOnly()).isTrue();
            assertThat(_get(Paragraph.class, spec -> spec.withId("play-room-lock")).isVisible()).isTrue();
            _setValue(_get(TextField.class, spec -> spec.withId("play-input")), "一心一意");
            _click(_get(Button.class, spec -> spec.withId("play-play")));
            _setValue(_get(TextField.class, spec -> spec.withId("play-input")), "abcd");
            _click(_get(Button.class, spec -> spec.withId("play-play")));
            UI.getCurrent().navigate("guess");
            _setValue(_get(TextField.class, spec -> spec.withId("guess-input")), "一");
            _click(_get(Button.class, spec -> spec.withId("guess-go")));
        });
        leaderSees(() -> {
            assertThat(text("chart-moves-summary")).contains("2 by attendees (1 refused)");
            assertThat(text("chart-guesses-summary")).contains(" 1 ");
        });

        // a visitor outside any room: nothing locked, nothing reported
        KaribuSession outsider = attendee("outsider");
        outsider.run(() -> {
            UI.getCurrent().navigate("");
            assertThat(_get(Select.class, spec -> spec.withId("play-mode")).isReadOnly()).isFalse();
            assertThat(_find(Paragraph.class, spec -> spec.withId("play-room-lock"))).isEmpty();     // hidden
        });
    }
}

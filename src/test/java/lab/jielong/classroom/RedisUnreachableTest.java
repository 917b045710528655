package lab.jielong.classroom;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static lab.jielong.classroom.ClassroomFlowTest.attendeeSees;
import static lab.jielong.classroom.ClassroomFlowTest.leaderSees;
import static lab.jielong.classroom.ClassroomFlowTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room store (a real {@code redis-server}) goes away in the middle of a workshop and comes back: the attendee's
 * Play page keeps playing (moves and the model's answers) and says the room cannot be reached, the leader's page
 * says so too, and once Redis is back (restarted with the data it saved on the way down, as a Redis with
 * persistence does) the leader's figures catch up with the moves played meanwhile and the attendee's notice goes.
 */
@SpringBootTest(properties = {"jielong.ui.pace-ms=0", "jielong.classroom.store=redis"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisUnreachableTest extends KaribuSpringTest {

    private static final String NOTICE = "The room cannot be reached right now; play on, it will be back.";
    private static RedisTestServer server;

    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        server = RedisTestServer.start(true);
        properties.add("spring.data.redis.host", () -> "127.0.0.1");
        properties.add("spring.data.redis.port", server::port);
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void withClassroomRoutes() {
        MockVaadin.tearDown();
        MockVaadin.setup(UI::new, new MockSpringServlet(ClassroomFlowTest.ROUTES, context, UI::new));
    }

    @Test
    void theGameGoesOnTheRoomsSaySoAndTheFiguresCatchUp() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("classroom");
        _click(_get(Button.class, spec -> spec.withId("room-open")));
        String code = _get(Span.class, spec -> spec.withId("room-code")).getText();
        _setValue(_get(Select.class, spec -> spec.withId("preset-page")), "play");     // Play, locked
        _setValue(_get(Checkbox.class, spec -> spec.withId("preset-lock")), true);
        _click(_get(Button.class, spec -> spec.withId("preset-push")));

        try (KaribuSession phone = new KaribuSession("phone", ClassroomFlowTest.ROUTES, context, Languages.ENGLISH)) {
            phone.run(() -> {
                UI.getCurrent().navigate("join/" + code);
                UI.getCurrent().navigate("");
                play("一心一意");
                assertThat(history()).isEqualTo(2);
                assertThat(_find(Paragraph.class, spec -> spec.withId("play-room-notice"))).as("hidden").isEmpty();
                assertThat(_get(Select.class, spec -> spec.withId("play-mode")).isReadOnly()).as("locked").isTrue();
            });
            leaderSees(() -> assertThat(text("chart-moves-summary")).startsWith("2 moves so far"));

            server.stop();
            phone.run(() -> {
                playAHint();
                assertThat(history()).as("the visitor's move and the model's answer").isEqualTo(4);
            });
            attendeeSees(phone, () -> assertThat(text("play-room-notice")).isEqualTo(NOTICE));
            leaderSees(() -> assertThat(text("room-status")).isEqualTo("The room store (Redis) cannot be reached "
                    + "right now: the figures are paused and will catch up. The rest of the playground works as usual."));
            phone.run(() -> {
                playAHint();
                assertThat(history()).as("still playing").isEqualTo(6);
                assertThat(text("play-status")).doesNotContain("error").doesNotContain("failed");
                UI.getCurrent().navigate("guess");          // away and back: a new Play page, the tab's game
                UI.getCurrent().navigate("");
                assertThat(history()).as("the same game").isEqualTo(6);
                assertThat(text("play-room-notice")).isEqualTo(NOTICE);
                assertThat(_get(Select.class, spec -> spec.withId("play-mode")).isReadOnly())
                        .as("the lock as it was while the room cannot be read").isTrue();
            });

            server.restart();
            leaderSees(() -> {
                assertThat(text("chart-moves-summary")).startsWith("6 moves so far: 3 by attendees");
                assertThat(text("room-status")).doesNotContain("cannot be reached");
            });
            attendeeSees(phone, () -> assertThat(_find(Paragraph.class, spec -> spec.withId("play-room-notice")))
                    .as("the notice is gone").isEmpty());
        }
        _click(_get(Button.class, spec -> spec.withId("room-close")));
    }

    private static void play(String idiom) {
        _setValue(_get(TextField.class, spec -> spec.withId("play-input")), idiom);
        _click(_get(Button.class, spec -> spec.withId("play-play")));
    }

    /** Plays the most probable hint that does not end the game: a valid move, and the model answers it. */
    private static void playAHint() {
        _click(_get(Button.class, spec -> spec.withId("play-hint")));
        _click(_find(Button.class, spec -> spec.withClasses("jl-hint")).stream()
                .filter(b -> !b.hasClassName("jl-hint-ends")).findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("play-play")));
    }

    private static int history() {
        return (int) _get(Div.class, spec -> spec.withId("play-history")).getChildren().count();
    }
}

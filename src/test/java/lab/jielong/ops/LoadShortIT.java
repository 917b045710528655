package lab.jielong.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load program's short mode, once per build so it cannot rot: a few seconds of each phase with a handful of
 * visitors against a server of its own (started from the test class path). It checks that the program ran and
 * the server held up — no errors, every session still there, figures measured — not how fast it was: speed
 * goals are read from the full run's printed figures (README, "Performance").
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LoadShortIT {

    @Test
    void theShortRunDrivesEveryKindOfVisitorWithoutErrors() throws Exception {
        LoadTest test = new LoadTest(LoadTest.Config.shortRun());
        Map<String, Object> report = test.run();
        System.out.println(test.summary());
        assertThat(report.get("error_samples")).asList().isEmpty();
        assertThat(report.get("errors")).isEqualTo(0L);
        LoadTest.Config config = LoadTest.Config.shortRun();
        assertThat(report.get("sessions_opened")).isEqualTo(config.sessions());
        assertThat(report.get("sessions_held")).isEqualTo(config.sessions());
        assertThat(test.moves.get()).isPositive();
        assertThat(test.apiOk.get()).isPositive();
        assertThat(report).containsKeys("heap_mb_no_sessions", "heap_mb_with_sessions", "heap_kb_per_session",
                "heap_kb_per_idle_session",
                "rss_mb_end", "phase play", "phase play+training", "phase api");
        assertThat(report.get("training_started")).isEqualTo(true);
        assertThat(report.get("classroom_exercise_reached").toString()).startsWith(config.attendees() + " of ");
    }
}

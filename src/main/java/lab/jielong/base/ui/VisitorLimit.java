package lab.jielong.base.ui;

import com.vaadin.flow.server.VaadinSession;
import lab.jielong.work.TokenBucket;
import lab.jielong.work.WorkProperties;
import org.springframework.stereotype.Component;

/**
 * The per-visitor rate limit on actions that start model work (on Play: moves, hints, clicks in the panel; on Guess:
 * rounds, guesses, steps): a {@link TokenBucket} in the visitor's Vaadin session, {@code jielong.work.visitor-rate} per second with bursts
 * of {@code jielong.work.visitor-burst}. A page asks {@link #allow()} before such an action and, if refused,
 * says {@link #MESSAGE_KEY} instead of doing it. All tabs of one browser session share the bucket.
 */
@Component
public class VisitorLimit {

    /** What a refused visitor reads. */
    public static final String MESSAGE_KEY = "work.tooFast";

    private final double rate;
    private final int burst;

    public VisitorLimit(WorkProperties properties) {
        this.rate = properties.visitorRate();
        this.burst = properties.visitorBurst();
    }

    /** Takes one action from the current visitor's allowance; true outside a visit (nothing to count). */
    public boolean allow() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || allow(session, System.nanoTime());
    }

    /**
     * Takes one action from {@code session}'s allowance at time {@code now} ({@link System#nanoTime()} scale). A
     * bucket never refills backwards, so an allowance spent at a later time stays spent until then (how tests
     * spend it).
     */
    public boolean allow(VaadinSession session, long now) {
        Allowance allowance = session.getAttribute(Allowance.class);
        if (allowance == null) {
            allowance = new Allowance(new TokenBucket(rate, burst, now));
            session.setAttribute(Allowance.class, allowance);
        }
        return allowance.bucket().tryTake(now);
    }

    /** The session attribute (its own type, so nothing else can take its place). */
    private record Allowance(TokenBucket bucket) implements java.io.Serializable {
    }
}

package lab.jielong.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.jobs.TrainingJobs;
import org.springframework.stereotype.Component;

/**
 * Ends a visitor's training jobs with their session: a page submits jobs to {@link TrainingJobs} with the
 * visitor's {@link VaadinSession} as owner ({@link #owner()}), and when that session ends (timeout, or the
 * server closing it) its queued or running job is stopped, so no job outlives its visitor.
 */
@Component
public class VisitorJobs implements VaadinServiceInitListener {

    private final TrainingJobs jobs;

    VisitorJobs(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    /** The owner of the current visitor's jobs: their Vaadin session. */
    public static Object owner() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            throw new IllegalStateException("no visitor here: jobs are owned by a Vaadin session");
        }
        return session;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionDestroyListener(e -> jobs.stopAll(e.getSession(), TrainingJobs.Stop.SESSION_ENDED));
    }
}

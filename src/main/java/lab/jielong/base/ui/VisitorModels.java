package lab.jielong.base.ui;

import com.vaadin.flow.server.VaadinSession;
import lab.jielong.models.SessionModels;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Finds the current visitor's {@link SessionModels} in their Vaadin session (made on first use), so the
 * model service serves each visitor their own models; outside a Vaadin request or {@code UI.access} there
 * is no visitor, and the shipped models serve.
 */
@Component
class VisitorModels implements SessionModels.Lookup {

    @Override
    public Optional<SessionModels> current() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        SessionModels models = session.getAttribute(SessionModels.class);
        if (models == null) {
            models = new SessionModels();
            session.setAttribute(SessionModels.class, models);
        }
        return Optional.of(models);
    }
}

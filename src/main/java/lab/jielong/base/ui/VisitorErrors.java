package lab.jielong.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.work.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a visitor sees when an action of theirs fails, instead of Vaadin's default (a log line and, in development,
 * a stack trace in the page): every session gets this {@link ErrorHandler}. Model work refused as busy
 * ({@link Busy}) is said as "busy, try again"; anything else is logged once, with a short incident number, and
 * the visitor reads in their language that the action failed and they can go on, with that number. Only the
 * visitor whose action failed hears of it: other sessions never share its state.
 *
 * <p>A page that can recover better (Play keeps the game and offers to ask the model again) catches the failure
 * itself and calls {@link #incident} to log it the same way, once.
 */
@org.springframework.stereotype.Component
public class VisitorErrors implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(VisitorErrors.class);
    private static final SecureRandom IDS = new SecureRandom();
    /** How long the message stays (ms). */
    static final int DURATION = 8000;

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable failure = event.getThrowable();
        Optional<Busy> busy = busy(failure);
        String message;
        if (busy.isPresent()) {
            log.debug("model work refused for a visitor: {}", busy.get().reason());
            message = translate("work.busy");
        } else {
            message = translate("error.action", incident(failure, "a visitor's action failed"));
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            Notification note = new Notification(message, DURATION, Notification.Position.BOTTOM_CENTER);
            note.addThemeVariants(
                    busy.isPresent() ? NotificationVariant.LUMO_CONTRAST : NotificationVariant.LUMO_ERROR);
            note.addClassName("jl-visitor-error");
            note.open();
        }
    }

    /** The {@link Busy} that caused {@code failure}, if one did. */
    public static Optional<Busy> busy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Busy b) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** Logs {@code failure} once, as an error with a new incident number, and returns the number for the visitor. */
    public static String incident(Throwable failure, String what) {
        String id = HexFormat.of().formatHex(randomBytes());
        VaadinSession session = VaadinSession.getCurrent();
        log.error("{} (incident {}, session {})", what, id,
                session == null ? "-" : Integer.toHexString(session.hashCode()),
                failure);
        return id;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        IDS.nextBytes(b);
        return b;
    }

    private static String translate(String key, Object... args) {
        UI ui = UI.getCurrent();
        if (ui != null) {
            return ui.getTranslation(key, args);
        }
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? key : session.getService().getInstantiator().getI18NProvider()
                .getTranslation(key, session.getLocale(), args);
    }
}

package lab.jielong.models;

import java.io.Serializable;
import java.util.Optional;

/**
 * One visitor's own models, e.g. a decoder a lab trained in this visit: while set, every feature plays with
 * them instead of the shipped ones ({@link ModelService#current()}); nobody else sees them, and the shipped
 * models are never touched. One per visitor session; the web layer keeps it in the Vaadin session.
 *
 * <p>The models are not part of the serialised session (they are large and can be trained again): a session
 * restored from disk falls back to the shipped models.
 */
public final class SessionModels implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient volatile Models own;

    /** The visitor's own models, if they set any. */
    public Optional<Models> own() {
        return Optional.ofNullable(own);
    }

    /** Play with {@code models} (checked by {@link ModelService#check} or {@link Models#withDecoder}) from now on. */
    public void use(Models models) {
        this.own = java.util.Objects.requireNonNull(models, "models");
    }

    /** Back to the shipped models. */
    public void reset() {
        this.own = null;
    }

    /** How {@link ModelService} finds the current visitor's holder: the web layer's is the Vaadin session's. */
    @FunctionalInterface
    public interface Lookup {
        /** The current visitor's holder; empty outside a visit (a command, a test, a background job). */
        Optional<SessionModels> current();
    }
}

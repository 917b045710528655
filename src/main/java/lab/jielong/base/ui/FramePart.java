package lab.jielong.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.BeforeEnterEvent;

import java.util.Optional;

/**
 * What a feature adds to every page's frame without the frame knowing the feature: a component in the top bar,
 * one above the page, and a look at each navigation (the embed feature's "share / embed" button and its notes
 * on the link's parameters). A feature offers a {@link Factory} as a Spring bean; {@link MainLayout} asks each
 * factory for one part per page, since a component belongs to one UI.
 */
public interface FramePart {

    /** A component for the top bar, before the language switch. */
    default Optional<Component> inBar() {
        return Optional.empty();
    }

    /** A component above the page's view. */
    default Optional<Component> abovePage() {
        return Optional.empty();
    }

    default void beforeEnter(BeforeEnterEvent event) {
    }

    default void afterNavigation(AfterNavigationEvent event) {
    }

    /** Makes the part of one page frame. */
    interface Factory {
        FramePart create();
    }
}

package lab.jielong.embed.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.BeforeEnterEvent;
import lab.jielong.base.ui.FramePart;
import lab.jielong.embed.UrlState;

import java.util.Optional;

/**
 * The link's part of every page frame: the page-wide link parameters ({@code lang}, {@code theme}) applied before
 * the page is entered, the notes on parameters the page could not use above it, and "share / embed" in the top
 * bar (unless the link hides it).
 */
final class LinkFramePart implements FramePart {

    private final ShareButton share = new ShareButton();
    private final StateNotes notes = new StateNotes();

    @Override
    public Optional<Component> inBar() {
        return Optional.of(share);
    }

    @Override
    public Optional<Component> abovePage() {
        return Optional.of(notes);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        UrlState.of(event).applyTo(event.getUI());
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        UrlState state = UrlState.of(event);
        notes.show(state.notes());
        share.setVisible(!state.hidden().contains("share"));
    }

    @org.springframework.stereotype.Component
    static class Factory implements FramePart.Factory {
        @Override
        public FramePart create() {
            return new LinkFramePart();
        }
    }
}

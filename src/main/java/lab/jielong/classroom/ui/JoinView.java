package lab.jielong.classroom.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.shared.Registration;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.classroom.Availability;
import lab.jielong.classroom.ClassroomService;
import lab.jielong.classroom.JoinResult;
import lab.jielong.classroom.RoomStatus;
import lab.jielong.classroom.Seat;

import java.util.Optional;

/**
 * The attendee's page, made for a phone: join a room with its code (or straight from the QR code's link,
 * {@code join/<code>}), then see what the leader pushed, with a button to the page it points to. It changes
 * live when the leader pushes something else or the room ends.
 */
@Route(value = "join", layout = MainLayout.class)
@RouteAlias(value = "join/:code", layout = MainLayout.class)
@Menu(title = "nav.join", order = 91)
class JoinView extends Div implements BeforeEnterObserver, LocaleChangeObserver, HasDynamicTitle {

    private final ClassroomService classroom;
    private Optional<RoomStatus> status = Optional.empty();
    private Optional<JoinResult> lastJoin = Optional.empty();
    private Registration watching;

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final TextField codeField = new TextField();
    private final Button joinButton = new Button();
    private final Paragraph message = new Paragraph();
    private final Div joinForm = new Div();

    private final Paragraph inRoom = new Paragraph();
    private final H3 presetHeading = new H3();
    private final Paragraph presetText = new Paragraph();
    private final Anchor openPreset = new Anchor();
    private final Paragraph lockedNote = new Paragraph();
    private final Div presetCard = new Div();
    private final Paragraph privacy = new Paragraph();
    private final Button leave = new Button();
    private final Div room = new Div();

    JoinView(ClassroomService classroom) {
        this.classroom = classroom;
        addClassName("jl-join");

        codeField.setId("join-code");
        codeField.setMaxLength(16);
        codeField.addClassName("jl-join-code");
        codeField.getElement().setAttribute("autocapitalize", "characters");
        codeField.getElement().setAttribute("autocomplete", "off");
        codeField.getElement().setAttribute("enterkeyhint", "go");
        codeField.addKeyPressListener(Key.ENTER, e -> join(codeField.getValue()));
        joinButton.setId("join-go");
        joinButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        joinButton.addClickListener(e -> join(codeField.getValue()));
        HorizontalLayout row = new HorizontalLayout(codeField, joinButton);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.addClassName("jl-move-row");
        message.setId("join-message");
        message.getElement().setAttribute("role", "status");
        message.getElement().setAttribute("aria-live", "polite");
        joinForm.add(intro, row, message);

        inRoom.setId("join-room");
        presetText.setId("join-preset");
        presetText.addClassName("jl-join-preset");
        openPreset.setId("join-open");
        openPreset.addClassName("jl-join-open");
        lockedNote.setId("join-locked");
        lockedNote.addClassName("jl-note");
        presetCard.addClassName("jl-join-card");
        presetCard.getElement().setAttribute("aria-live", "polite");
        presetCard.add(presetHeading, presetText, openPreset, lockedNote);
        privacy.addClassName("jl-note");
        leave.setId("join-leave");
        leave.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        leave.addClickListener(e -> leave());
        room.add(inRoom, presetCard, privacy, leave);

        Section section = new Section(heading, joinForm, room);
        section.addClassName("jl-join-section");
        add(section);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getRouteParameters().get("code").ifPresentOrElse(this::join, () -> status = classroom.here());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("join.title");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        watch(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unwatch();
    }

    private void join(String typed) {
        JoinResult result = classroom.joinHere(typed);
        lastJoin = Optional.of(result);
        if (result.outcome() == JoinResult.Outcome.JOINED) {
            codeField.clear();
            status = classroom.here();
            if (isAttached()) {
                watch(UI.getCurrent());
            }
        }
        redraw();
    }

    private void leave() {
        classroom.leaveHere();
        unwatch();
        status = Optional.empty();
        lastJoin = Optional.empty();
        redraw();
    }

    private void watch(UI ui) {
        unwatch();
        Optional<Seat> seat = classroom.seatHere();
        seat.ifPresent(s -> watching = classroom.watchStatus(s, update -> ui.access(() -> {
            status = Optional.of(update);
            redraw();
        })));
    }

    private void unwatch() {
        if (watching != null) {
            watching.remove();
            watching = null;
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        intro.setText(getTranslation("join.intro"));
        codeField.setLabel(getTranslation("join.code"));
        codeField.setPlaceholder("ABC12");
        joinButton.setText(getTranslation("join.go"));
        privacy.setText(getTranslation("join.privacy"));
        leave.setText(getTranslation("join.leave"));
        openPreset.setText(getTranslation("join.open"));
        redraw();
    }

    private void redraw() {
        boolean open = status.map(s -> s.availability() != Availability.ENDED).orElse(false);
        heading.setText(
                open ? getTranslation("join.heading.room", status.get().code()) : getTranslation("join.heading"));
        joinForm.setVisible(!open);
        room.setVisible(open);
        message.setText(lastJoin.filter(j -> j.outcome() != JoinResult.Outcome.JOINED)
                .map(j -> getTranslation("join.outcome." + j.outcome().name(), j.code()))
                .or(() -> status.filter(s -> s.availability() == Availability.ENDED)
                        .map(s -> getTranslation("join.ended", s.code())))
                .orElse(""));
        if (!open) {
            return;
        }
        RoomStatus s = status.get();
        if (s.availability() == Availability.UNAVAILABLE) {
            inRoom.setText(getTranslation("join.unavailable"));
        } else {
            inRoom.setText(getTranslation("join.inRoom", s.code()));
        }
        presetHeading.setText(getTranslation(s.locked() ? "join.preset.locked" : "join.preset"));
        openPreset.setVisible(s.preset().isPresent());
        lockedNote.setVisible(s.locked());
        lockedNote.setText(getTranslation("join.locked.note"));
        s.preset().ifPresentOrElse(p -> {
            presetText.setText(Presets.describe(this, p));
            // relative to the app's root (Vaadin's <base href>): "?mode=…" is Play, "guess?…" is Guess
            openPreset.setHref(p.location().startsWith("?") ? "./" + p.location() : p.location());
        }, () -> {
            presetHeading.setText(getTranslation("join.preset.waiting"));
            presetText.setText(getTranslation("join.preset.none"));
        });
    }
}

package lab.jielong.play.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import lab.jielong.embed.EmbedEvents;
import lab.jielong.embed.Embeddable;
import lab.jielong.embed.ShareableState;
import lab.jielong.embed.UrlState;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MoveResult;
import lab.jielong.play.ComputerMove;
import lab.jielong.play.PlayService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static lab.jielong.base.ui.Formats.percent;

/**
 * The peek panel on its own, for embedding ({@code /embed/peek}; it has no page of its own, the Play page shows
 * it beside the game): an idiom, the decoder's answer to it, and the "what would an encoder peek at?" panel on the
 * two. A link names the idiom ({@code ?idiom=一心一意}), the panel's view ({@code panel=encoder}) and may hide
 * the idiom's input ({@code hide=input}) or the explanation ({@code hide=explain}).
 */
@Embeddable(value = "peek", title = "title.peek", height = 760)
class PeekView extends Div implements LocaleChangeObserver, HasDynamicTitle, BeforeEnterObserver, ShareableState {

    static final List<String> HIDEABLE = List.of("input", "explain");
    static final String DEFAULT_IDIOM = "一心一意";

    private final PlayService service;
    private final TextField idiom = new TextField();
    private final Button show = new Button();
    private final Paragraph exchange = new Paragraph();
    private final HorizontalLayout inputRow;
    private final PeekColumn peek;
    private Optional<Game> game = Optional.empty();
    private Optional<ComputerMove> answer = Optional.empty();
    private Optional<MoveResult> refused = Optional.empty();

    PeekView(PlayService service) {
        this.service = service;
        this.peek = new PeekColumn(this::examine);
        addClassName("jl-peek-view");
        idiom.setId("peek-input");
        idiom.setMaxLength(64);
        idiom.setValue(DEFAULT_IDIOM);
        idiom.addKeyPressListener(Key.ENTER, e -> showIdiom());
        show.setId("peek-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.addClickListener(e -> showIdiom());
        inputRow = new HorizontalLayout(idiom, show);
        inputRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        inputRow.addClassName("jl-move-row");
        exchange.setId("peek-exchange");
        exchange.getElement().setAttribute("role", "status");
        add(inputRow, exchange, peek);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (game.isEmpty()) {
            showIdiom();                              // no idiom in the link: the default one
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        UrlState state = UrlState.of(event);
        Set<String> hidden = state.hidden(HIDEABLE);
        inputRow.setVisible(!hidden.contains("input"));
        peek.setExplanationVisible(!hidden.contains("explain"));
        state.panel()
                .ifPresent(v -> peek.showView(v.equals("encoder") ? PeekColumn.Side.PEEKING : PeekColumn.Side.DECODER));
        state.idiom().ifPresent(text -> {
            idiom.setValue(text);
            showIdiom();
            refused.flatMap(MoveResult::rejection).ifPresent(r -> state.note("embed.note.idiom", text,
                    getTranslation(r.messageKey(), r.messageArgs().toArray())));
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.peek");
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        idiom.setLabel(getTranslation("peek.input"));
        show.setText(getTranslation("peek.show"));
        peek.translate();
        redraw();
    }

    @Override
    public Map<String, String> sharedState() {
        Map<String, String> state = new LinkedHashMap<>();
        game.filter(g -> !g.chain().isEmpty()).ifPresent(g -> state.put(UrlState.IDIOM, g.chain().get(0).word()));
        if (peek.view() == PeekColumn.Side.PEEKING) {
            state.put(UrlState.PANEL, "encoder");
        }
        return state;
    }

    @Override
    public List<String> hideableControls() {
        return HIDEABLE;
    }

    /** The visitor's idiom, the decoder's answer, and the panel on the two. */
    private void showIdiom() {
        Game g = service.newGame(GameConfig.defaults());
        MoveResult result = service.playHuman(g, idiom.getValue());
        answer = Optional.empty();
        refused = result.accepted() ? Optional.empty() : Optional.of(result);
        idiom.setInvalid(!result.accepted());
        if (result.accepted() && !g.isOver()) {
            ComputerMove move = service.computerMove(g, (character, index, probability) -> {
            });
            answer = Optional.of(move);
            move.trace().ifPresent(t -> peek.showPanel(Optional.of(service.panel(move)), -1));
            EmbedEvents.post(this, EmbedEvents.MOVE, Map.of("widget", "peek", "idiom", g.chain().get(0).word(),
                    "reply", move.answer(), "probability", move.probability()));
        } else if (result.accepted()) {
            peek.showPanel(Optional.of(service.panel(g)), -1);
        } else {
            peek.showPanel(Optional.empty(), -1);
        }
        game = Optional.of(g);
        redraw();
    }

    private void examine(int position) {
        game.filter(g -> !g.chain().isEmpty())
                .ifPresent(g -> peek.showPanel(Optional.of(service.panel(g, position)), position));
    }

    private void redraw() {
        if (refused.isPresent()) {
            refused.flatMap(MoveResult::rejection)
                    .ifPresent(r -> exchange.setText(getTranslation(r.messageKey(), r.messageArgs().toArray())));
        } else if (answer.isPresent()) {
            ComputerMove move = answer.get();
            exchange.setText(getTranslation("peek.exchange", game.map(g -> g.chain().get(0).word()).orElse(""),
                    move.answer(), percent(move.probability())));
        } else {
            exchange.setText(game.flatMap(Game::outcome)
                    .map(o -> getTranslation(o.messageKey(), o.messageArgs().toArray())).orElse(""));
        }
    }
}

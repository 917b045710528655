package lab.jielong.play.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import lab.jielong.base.ui.Tokens;
import lab.jielong.base.ui.chart.AttentionHeatmap;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.game.Rejection;
import lab.jielong.game.RejectionReason;
import lab.jielong.play.FreeAnswers;
import lab.jielong.play.FutureRemoved;
import lab.jielong.play.Panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

import static lab.jielong.base.ui.Formats.percent;

/**
 * The side panel, "what would an encoder peek at?": the decoder's attention with the causal mask drawn,
 * the peeking model's (the same transformer trained without the mask, as an encoder is) attention on the same
 * text with its looks at the future marked, and the punchline — with the future removed, what each model
 * guesses; and, for the computer's last turn, what each model writes unaided, judged by the rules. A reading
 * guide says what rows, columns, colours, the ▸ column and the black line mean, so the panel reads without the
 * README; the position chips sit over the heatmap's columns on every screen.
 */
class PeekColumn extends Aside {

    /** Which model's attention the heatmap shows. */
    enum Side {
        DECODER, PEEKING
    }

    static final int AVERAGE = -1;

    private final H2 heading = new H2();
    private final Paragraph explanation = new Paragraph();
    private final Paragraph simplification = new Paragraph();
    private final Paragraph empty = new Paragraph();
    private final Div free = new Div();
    private final IntConsumer positionChosen;
    /** The controls, heatmap and texts of a panel: built with the first panel (an idle page holds none of them). */
    private Drawn drawn;
    private Optional<FreeAnswers> freeAnswers = Optional.empty();

    private Side side = Side.DECODER;
    private Optional<Panel> panel = Optional.empty();
    private int selected = -1;
    private int shownLayers = -1;
    private int shownHeads = -1;

    /** What shows a panel; each page builds it when it has its first panel to show. */
    private final class Drawn {
        final Button decoderButton = new Button();
        final Button peekingButton = new Button();
        final Select<Integer> layer = new Select<>();
        final Select<Integer> head = new Select<>();
        final Div tokens = new Div();
        final EChart heatmap = new EChart();
        final Paragraph reading = new Paragraph();
        final Paragraph futureShare = new Paragraph();
        final Paragraph punchline = new Paragraph();
        final Tokens.Legend legend = new Tokens.Legend();

        Drawn() {
            decoderButton.setId("peek-decoder");
            peekingButton.setId("peek-peeking");
            decoderButton.addClickListener(e -> show(Side.DECODER));
            peekingButton.addClickListener(e -> show(Side.PEEKING));
            HorizontalLayout toggle = new HorizontalLayout(decoderButton, peekingButton);
            toggle.setSpacing(false);
            toggle.addClassName("jl-toggle");

            layer.setId("peek-layer");
            head.setId("peek-head");
            layer.addValueChangeListener(e -> redraw());
            head.addValueChangeListener(e -> redraw());
            HorizontalLayout controls = new HorizontalLayout(toggle, layer, head);
            controls.setAlignItems(FlexComponent.Alignment.BASELINE);
            controls.addClassName("jl-peek-controls");

            tokens.addClassName("jl-tokens");
            // the chips line up with the heatmap's columns: the same margins as its plot
            tokens.getStyle().set("margin-left", AttentionHeatmap.GRID_LEFT + "px")
                    .set("margin-right", AttentionHeatmap.GRID_RIGHT + "px");
            reading.setId("peek-reading");
            reading.addClassName("jl-note");
            heatmap.setId("peek-chart");
            heatmap.setHeight("340px");
            heatmap.addChartClickListener(e -> {
                List<Integer> cell = parseCell(e.getValueJson());
                if (cell.size() >= 2 && panel.isPresent()) {
                    positionChosen.accept(panel.get().tokens().size() - 1 - cell.get(1));
                }
            });
            futureShare.setId("peek-future-share");
            punchline.setId("peek-punchline");
            punchline.addClassName("jl-punchline");
            legend.setId("peek-legend");
            // in the order of the page: heading, controls, the empty note, then the panel itself
            addComponentAtIndex(indexOf(heading) + 1, controls);
            int at = indexOf(empty) + 1;
            for (var c : List.of(tokens, heatmap, legend, reading, futureShare, punchline)) {
                addComponentAtIndex(at++, c);
            }
            translate();
        }

        void translate() {
            decoderButton.setText(getTranslation("panel.view.decoder"));
            peekingButton.setText(getTranslation("panel.view.peeking"));
            layer.setLabel(getTranslation("panel.layer"));
            head.setLabel(getTranslation("panel.head"));
            layer.setItemLabelGenerator(
                    i -> i == AVERAGE ? getTranslation("panel.average") : getTranslation("panel.layer.n", i + 1));
            head.setItemLabelGenerator(
                    i -> i == AVERAGE ? getTranslation("panel.average") : getTranslation("panel.head.n", i + 1));
        }

        void setVisible(boolean has) {
            tokens.setVisible(has);
            legend.setVisible(has);
            reading.setVisible(has);
            heatmap.setVisible(has);
            futureShare.setVisible(has);
            punchline.setVisible(has);
        }
    }

    /** @param positionChosen called with a token index when the visitor picks a position in the text */
    PeekColumn(IntConsumer positionChosen) {
        this.positionChosen = positionChosen;
        addClassName("jl-panel");
        setId("peek-panel");
        simplification.addClassName("jl-note");
        empty.addClassName("jl-note");
        free.setId("peek-free");
        free.addClassName("jl-free");
        add(heading, empty, free, explanation, simplification);
        showPanel(Optional.empty(), -1);
    }

    /** The panel's controls and heatmap, built now if this is the first time they are needed. */
    private Drawn drawn() {
        if (drawn == null) {
            drawn = new Drawn();
        }
        return drawn;
    }

    /** Shows both models' unaided answers for the computer's last turn (or none). */
    void showFreeAnswers(Optional<FreeAnswers> answers) {
        this.freeAnswers = answers;
        drawFreeAnswers();
    }

    /** Shows a new panel (or none yet, which also clears the unaided answers), with {@code position} highlighted. */
    void showPanel(Optional<Panel> newPanel, int position) {
        this.panel = newPanel;
        if (newPanel.isEmpty()) {
            showFreeAnswers(Optional.empty());
        }
        this.selected = newPanel.flatMap(Panel::future).map(FutureRemoved::position)
                .orElse(position);
        boolean has = newPanel.isPresent();
        empty.setVisible(!has);
        if (drawn != null || has) {
            drawn().setVisible(has);
        }
        newPanel.ifPresent(p -> {
            int layers = p.decoderAttention().length;
            int heads = p.decoderAttention()[0].length;
            if (layers != shownLayers) {
                fillChoices(drawn.layer, layers);
                shownLayers = layers;
            }
            if (heads != shownHeads) {
                fillChoices(drawn.head, heads);
                shownHeads = heads;
            }
        });
        redraw();
    }

    /** Re-translates every label; called on a language change. */
    void translate() {
        heading.setText(getTranslation("panel.heading"));
        explanation.setText(getTranslation("panel.explain"));
        simplification.setText(getTranslation("panel.simplification"));
        empty.setText(getTranslation("panel.empty"));
        if (drawn != null) {
            drawn.translate();
        }
        redraw();
        drawFreeAnswers();
    }

    /** The two answers, each with the rules' verdict: valid, or why not. */
    private void drawFreeAnswers() {
        free.removeAll();
        free.setVisible(freeAnswers.isPresent());
        freeAnswers.ifPresent(f -> {
            String prompt = String.join("", f.prompt().stream().map(Tokens::label).toList());
            Paragraph title = new Paragraph(getTranslation("panel.free.heading", prompt));
            title.addClassName("jl-free-heading");
            Paragraph decoder = new Paragraph(getTranslation("panel.free.decoder", verdict(f.decoder())));
            decoder.setId("peek-free-decoder");
            Paragraph peeking = new Paragraph(getTranslation("panel.free.peeking", verdict(f.peeking())));
            peeking.setId("peek-free-peeking");
            peeking.addClassName(f.peeking().valid() ? "jl-free-valid" : "jl-free-invalid");
            decoder.addClassName(f.decoder().valid() ? "jl-free-valid" : "jl-free-invalid");
            Paragraph note = new Paragraph(getTranslation("panel.free.note"));
            note.addClassName("jl-note");
            free.add(title, decoder, peeking, note);
        });
    }

    /** "「意气风发」: a valid move here", or the rules' reason it is not. */
    private String verdict(FreeAnswers.Answer answer) {
        if (answer.valid()) {
            return getTranslation("panel.free.valid", answer.text());
        }
        String stop = answer.tokens().isEmpty() ? "" : Tokens.label(answer.tokens().get(answer.tokens().size() - 1));
        if (answer.text().isEmpty()) {
            return getTranslation("panel.free.empty", stop);
        }
        Rejection why = answer.why().orElse(null);
        if (why == null) {
            return getTranslation("panel.free.invalid", answer.text(), "");
        }
        if (why.reason() == RejectionReason.WRONG_LENGTH) {
            return getTranslation("panel.free.short", answer.text(), answer.text().length(), stop);
        }
        return getTranslation("panel.free.invalid", answer.text(),
                getTranslation(why.messageKey(), why.messageArgs().toArray()));
    }

    private void show(Side newSide) {
        side = newSide;
        redraw();
    }

    /** Shows {@code newSide}'s attention (a link's {@code panel=decoder|encoder}). */
    void showView(Side newSide) {
        show(newSide);
    }

    /** Whose attention is shown. */
    Side view() {
        return side;
    }

    /** Shows or hides the two paragraphs that explain the panel. */
    void setExplanationVisible(boolean visible) {
        explanation.setVisible(visible);
        simplification.setVisible(visible);
    }

    private void redraw() {
        if (drawn == null) {
            return;                                         // nothing shown yet; the side applies once it is
        }
        Button decoderButton = drawn.decoderButton, peekingButton = drawn.peekingButton;
        Select<Integer> layer = drawn.layer, head = drawn.head;
        decoderButton.getElement().getClassList().set("jl-active", side == Side.DECODER);
        peekingButton.getElement().getClassList().set("jl-active", side == Side.PEEKING);
        decoderButton.getElement().setAttribute("aria-pressed", Boolean.toString(side == Side.DECODER));
        peekingButton.getElement().setAttribute("aria-pressed", Boolean.toString(side == Side.PEEKING));
        decoderButton.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        peekingButton.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        (side == Side.DECODER ? decoderButton : peekingButton).addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (panel.isEmpty()) {
            return;
        }
        Panel p = panel.get();
        List<String> labels = p.tokens().stream().map(Tokens::label).toList();
        drawTokens(labels);
        float[][][][] attention = side == Side.DECODER ? p.decoderAttention() : p.peekingAttention();
        float[][] weights = select(attention, value(layer), value(head));
        drawn.heatmap.setOption(AttentionHeatmap.option(labels, weights,
                side == Side.DECODER ? AttentionHeatmap.View.CAUSAL : AttentionHeatmap.View.BIDIRECTIONAL,
                selected, new AttentionHeatmap.Texts(getTranslation("panel.hidden"), getTranslation("panel.axis.rows"),
                        getTranslation("panel.axis.columns"))));
        drawn.reading.setText(getTranslation("panel.reading") + " " + getTranslation(side == Side.DECODER
                ? "panel.reading.decoder" : "panel.reading.peeking"));

        int row = selected >= 0 && selected < labels.size() ? selected : labels.size() - 2;
        String at = labels.get(Math.max(0, row));
        if (side == Side.DECODER) {
            drawn.futureShare.setText(getTranslation("panel.futureShare.decoder", row, at));
        } else {
            double share = shareAt(p, row, value(layer), value(head));
            drawn.futureShare.setText(getTranslation("panel.futureShare", percent(share), row, at));
        }
        drawn.punchline.setText(p.future().map(f -> getTranslation("panel.futureRemoved",
                Tokens.label(f.peeking().token()), percent(f.peeking().probability()),
                Tokens.label(f.decoder().token()), percent(f.decoder().probability()),
                Tokens.label(f.actual()), percent(f.peekingOnActual()), percent(f.decoderOnActual()))).orElse(""));
    }

    private void drawTokens(List<String> labels) {
        Div tokens = drawn.tokens;
        tokens.removeAll();
        tokens.getStyle().set("--jl-columns", Integer.toString(labels.size()));
        for (int i = 0; i < labels.size(); i++) {
            int position = i;
            Button token = new Button(labels.get(i), e -> positionChosen.accept(position));
            token.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            token.addClassName("jl-token");
            token.getElement().getClassList().set("jl-selected", i == selected);
            token.getElement().setAttribute("aria-label", getTranslation("panel.position", i, labels.get(i)));
            tokens.add(token);
        }
    }

    private double shareAt(Panel p, int row, int layerIndex, int headIndex) {
        if (row < 0 || row >= p.futureShare().length) {
            return 0;
        }
        if (layerIndex == AVERAGE && headIndex == AVERAGE) {
            return p.futureShare()[row];
        }
        double sum = 0;
        int count = 0;
        for (int l = 0; l < p.futureShareByHead().length; l++) {
            for (int h = 0; h < p.futureShareByHead()[l].length; h++) {
                if ((layerIndex == AVERAGE || l == layerIndex) && (headIndex == AVERAGE || h == headIndex)) {
                    sum += p.futureShareByHead()[l][h][row];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** One layer and head, or the average over layers and/or heads: [query][key]. */
    static float[][] select(float[][][][] attention, int layerIndex, int headIndex) {
        int n = attention[0][0].length;
        float[][] out = new float[n][n];
        int count = 0;
        for (int l = 0; l < attention.length; l++) {
            for (int h = 0; h < attention[l].length; h++) {
                if ((layerIndex == AVERAGE || l == layerIndex) && (headIndex == AVERAGE || h == headIndex)) {
                    for (int q = 0; q < n; q++) {
                        for (int k = 0; k < n; k++) {
                            out[q][k] += attention[l][h][q][k];
                        }
                    }
                    count++;
                }
            }
        }
        for (float[] row : out) {
            for (int k = 0; k < n; k++) {
                row[k] /= count;
            }
        }
        return out;
    }

    /** "average" and one choice per layer (or head). */
    private static void fillChoices(Select<Integer> select, int count) {
        List<Integer> items = new ArrayList<>();
        items.add(AVERAGE);
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        select.setItems(items);
        select.setValue(AVERAGE);
    }

    private static int value(Select<Integer> select) {
        return select.getValue() == null ? AVERAGE : select.getValue();
    }

    private static List<Integer> parseCell(String json) {
        List<Integer> values = new ArrayList<>();
        String inner = json.replace("[", "").replace("]", "");
        for (String part : inner.split(",")) {
            try {
                values.add((int) Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return values;
    }
}

package lab.jielong.labs.encdec.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import lab.jielong.base.ui.HtmlTable;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.Tokens;
import lab.jielong.base.ui.chart.AttentionHeatmap;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.labs.encdec.EncDecLabService;
import lab.jielong.labs.encdec.EncDecResults;
import lab.jielong.work.Busy;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The encoder-decoder lab: one idiom, the two architectures side by side. The visitor plays an idiom; the shipped
 * encoder-decoder and the shipped decoder-only each answer it (judged by the game's rules), and the page draws
 * what each attended to: the encoder's bidirectional self-attention over X, the cross-attention (which characters
 * of X each position of Y reads), the decoder-only's causal self-attention over {@code ▸ X ｜ Y}. Below, the
 * stage table for that idiom (what each model receives at pre-training, fine-tuning and inference), and the
 * data-efficiency and consistency results read from the files {@code encdec-lab} wrote.
 * A query parameter {@code ?prompt=一心一意} opens the page with that idiom played (how a classroom's leader sends
 * attendees to a lab, {@code classroom.Preset}).
 */
@Route(value = "labs/encdec", layout = MainLayout.class)
@Menu(title = "nav.encdec", order = 40)
class EncDecView extends Div implements LocaleChangeObserver, HasDynamicTitle, BeforeEnterObserver {

    static final int AVERAGE = -1;

    private final EncDecLabService service;
    private EncDecLabService.Outcome outcome;
    /** The models were busy when the visitor last asked: said above the last comparison. */
    private boolean busy;

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final Paragraph simplification = new Paragraph();
    private final TextField input = new TextField();
    private final Select<String> example = new Select<>();
    private final Button play = new Button();
    private final Paragraph problem = new Paragraph();

    private final H3 movesHeading = new H3();
    private final Div moves = new Div();

    private final H3 attentionHeading = new H3();
    private final Paragraph attentionIntro = new Paragraph();
    private final H3 encDecTitle = new H3();
    private final H3 decoderTitle = new H3();
    private final Select<Integer> encDecLayer = new Select<>();
    private final Select<Integer> encDecHead = new Select<>();
    private final Select<Integer> decoderLayer = new Select<>();
    private final Select<Integer> decoderHead = new Select<>();
    private final Paragraph encoderCaption = new Paragraph();
    private final EChart encoderChart = new EChart();
    private final Paragraph crossCaption = new Paragraph();
    private final EChart crossChart = new EChart();
    private final Paragraph crossReading = new Paragraph();
    private final Paragraph decoderCaption = new Paragraph();
    private final EChart decoderChart = new EChart();
    private final Paragraph decoderReading = new Paragraph();
    private final Tokens.Legend legend = new Tokens.Legend();

    private final H3 stagesHeading = new H3();
    private final Paragraph stagesIntro = new Paragraph();
    private final HtmlTable stages = new HtmlTable("encdec-stages");
    private final Details recorded = new Details();
    private final HtmlTable recordedStages = new HtmlTable("encdec-stages-recorded");

    private final H3 efficiencyHeading = new H3();
    private final Paragraph efficiencyIntro = new Paragraph();
    private final Paragraph efficiencySource = new Paragraph();
    private final Paragraph validityTitle = new Paragraph();
    private final EChart validityChart = new EChart();
    private final Paragraph lossTitle = new Paragraph();
    private final EChart lossChart = new EChart();
    private final Paragraph flopsTitle = new Paragraph();
    private final EChart flopsChart = new EChart();
    private final HtmlTable efficiencyTable = new HtmlTable("encdec-efficiency-table");
    private final Paragraph efficiencyReading = new Paragraph();
    private final H3 useHeading = new H3();
    private final Paragraph useDecoder = new Paragraph();
    private final Paragraph useEncDec = new Paragraph();

    private final H3 consistencyHeading = new H3();
    private final Paragraph consistencyIntro = new Paragraph();
    private final Paragraph consistencySource = new Paragraph();
    private final EChart consistencyChart = new EChart();
    private final HtmlTable consistencyTable = new HtmlTable("encdec-consistency-table");
    private final Paragraph consistencyReading = new Paragraph();

    EncDecView(EncDecLabService service) {
        this.service = service;
        addClassName("jl-encdec");

        input.setId("encdec-input");
        input.setMaxLength(64);
        input.setClearButtonVisible(true);
        input.setValue(EncDecLabService.EXAMPLES.get(0));
        input.addKeyPressListener(com.vaadin.flow.component.Key.ENTER, e -> play());
        example.setId("encdec-example");
        example.setItems(EncDecLabService.EXAMPLES);
        example.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                input.setValue(e.getValue());
                play();
            }
        });
        play.setId("encdec-play");
        play.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        play.addClickListener(e -> play());
        HorizontalLayout row = new HorizontalLayout(input, example, play);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.addClassName("jl-move-row");
        problem.setId("encdec-problem");
        problem.addClassName("jl-problem");
        problem.getElement().setAttribute("role", "status");
        problem.getElement().setAttribute("aria-live", "polite");
        simplification.addClassName("jl-note");

        moves.setId("encdec-moves");
        moves.addClassName("jl-duo");

        for (Select<Integer> s : List.of(encDecLayer, encDecHead, decoderLayer, decoderHead)) {
            s.addValueChangeListener(e -> drawAttention());
        }
        encDecLayer.setId("encdec-layer");
        encDecHead.setId("encdec-head");
        decoderLayer.setId("encdec-decoder-layer");
        decoderHead.setId("encdec-decoder-head");
        encoderChart.setId("encdec-encoder-chart");
        encoderChart.setHeight("300px");
        crossChart.setId("encdec-cross-chart");
        crossChart.setHeight("300px");
        decoderChart.setId("encdec-decoder-chart");
        decoderChart.setHeight("400px");
        crossReading.setId("encdec-cross-reading");
        decoderReading.setId("encdec-decoder-reading");
        for (Paragraph p : List.of(encoderCaption, crossCaption, decoderCaption, crossReading, decoderReading,
                attentionIntro)) {
            p.addClassName("jl-note");
        }
        HorizontalLayout encDecControls = new HorizontalLayout(encDecLayer, encDecHead);
        encDecControls.addClassName("jl-peek-controls");
        HorizontalLayout decoderControls = new HorizontalLayout(decoderLayer, decoderHead);
        decoderControls.addClassName("jl-peek-controls");
        Div encDecColumn = new Div(encDecTitle, encDecControls, encoderCaption, encoderChart, crossCaption, crossChart,
                crossReading);
        encDecColumn.addClassName("jl-duo-encdec");
        Div decoderColumn = new Div(decoderTitle, decoderControls, decoderCaption, decoderChart, decoderReading);
        Div attention = new Div(encDecColumn, decoderColumn);
        attention.setId("encdec-attention");
        attention.addClassName("jl-duo");

        stagesIntro.addClassName("jl-note");
        recorded.setId("encdec-recorded");
        recorded.add(recordedStages);

        efficiencySource.setId("encdec-efficiency-source");
        efficiencySource.addClassName("jl-note");
        validityChart.setId("encdec-validity-chart");
        lossChart.setId("encdec-loss-chart");
        flopsChart.setId("encdec-flops-chart");
        for (Paragraph p : List.of(validityTitle, lossTitle, flopsTitle)) {
            p.addClassName("jl-chart-title");
        }
        Div charts = new Div(new Div(validityTitle, validityChart), new Div(lossTitle, lossChart),
                new Div(flopsTitle, flopsChart));
        charts.addClassName("jl-encdec-charts");
        efficiencyReading.setId("encdec-efficiency-reading");
        useDecoder.setId("encdec-use-decoder");
        useEncDec.setId("encdec-use-encdec");

        consistencySource.setId("encdec-consistency-source");
        consistencySource.addClassName("jl-note");
        consistencyChart.setId("encdec-consistency-chart");
        consistencyChart.setHeight("280px");
        consistencyReading.setId("encdec-consistency-reading");

        Section game = new Section(heading, intro, simplification, row, problem, movesHeading, moves);
        Section attentionSection = new Section(attentionHeading, attentionIntro, attention, legend);
        Section stagesSection = new Section(stagesHeading, stagesIntro, stages, recorded);
        Section efficiency = new Section(efficiencyHeading, efficiencyIntro, efficiencySource, charts, efficiencyTable,
                efficiencyReading, useHeading, useDecoder, useEncDec);
        efficiency.setId("encdec-efficiency");
        Section consistency = new Section(consistencyHeading, consistencyIntro, consistencySource, consistencyChart,
                consistencyTable, consistencyReading);
        consistency.setId("encdec-consistency");
        add(game, attentionSection, stagesSection, efficiency, consistency);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> x = event.getLocation().getQueryParameters().getParameters().get("prompt");
        if (x != null && !x.isEmpty() && !x.get(0).isBlank()) {
            input.setValue(x.get(0));
        }
        play();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.encdec");
    }

    private void play() {
        try {
            outcome = service.compare(input.getValue());
            busy = false;
        } catch (Busy e) {
            busy = true;                            // the last comparison stays; Play asks again
        }
        redrawGame();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
        heading.setText(getTranslation("encdec.heading"));
        intro.setText(getTranslation("encdec.intro", service.encDecParameters(), service.decoderParameters()));
        simplification.setText(getTranslation("encdec.simplification"));
        input.setLabel(getTranslation("encdec.input"));
        input.setHelperText(getTranslation("encdec.input.help"));
        example.setLabel(getTranslation("encdec.example"));
        play.setText(getTranslation("encdec.play"));
        movesHeading.setText(getTranslation("encdec.moves.heading"));
        attentionHeading.setText(getTranslation("encdec.attention.heading"));
        attentionIntro.setText(getTranslation("encdec.attention.intro"));
        encDecTitle.setText(getTranslation("encdec.model.encdec"));
        decoderTitle.setText(getTranslation("encdec.model.decoder"));
        encoderCaption.setText(getTranslation("encdec.encoder.caption"));
        crossCaption.setText(getTranslation("encdec.cross.caption"));
        decoderCaption.setText(getTranslation("encdec.decoder.caption"));
        for (Select<Integer> s : List.of(encDecLayer, decoderLayer)) {
            s.setLabel(getTranslation("panel.layer"));
            s.setItemLabelGenerator(
                    i -> i == AVERAGE ? getTranslation("panel.average") : getTranslation("panel.layer.n", i + 1));
        }
        for (Select<Integer> s : List.of(encDecHead, decoderHead)) {
            s.setLabel(getTranslation("panel.head"));
            s.setItemLabelGenerator(
                    i -> i == AVERAGE ? getTranslation("panel.average") : getTranslation("panel.head.n", i + 1));
        }
        stagesHeading.setText(getTranslation("encdec.stages.heading"));
        stagesIntro.setText(getTranslation("encdec.stages.intro"));
        recorded.setSummaryText(getTranslation("encdec.stages.recorded"));
        efficiencyHeading.setText(getTranslation("encdec.efficiency.heading"));
        efficiencyIntro.setText(getTranslation("encdec.efficiency.intro"));
        validityTitle.setText(getTranslation("encdec.chart.validity"));
        lossTitle.setText(getTranslation("encdec.chart.loss"));
        flopsTitle.setText(getTranslation("encdec.chart.flops"));
        useHeading.setText(getTranslation("encdec.use.heading"));
        useDecoder.setText(getTranslation("encdec.use.decoder"));
        useEncDec.setText(getTranslation("encdec.use.encdec"));
        consistencyHeading.setText(getTranslation("encdec.consistency.heading"));
        consistencyIntro.setText(getTranslation("encdec.consistency.intro"));
        redrawGame();
        redrawResults();
    }

    // ---------------------------------------------------------------------------------------------
    // the live part

    private void redrawGame() {
        Optional<String> said = busy ? Optional.of(getTranslation(Busy.MESSAGE_KEY))
                : Optional.ofNullable(outcome).flatMap(EncDecLabService.Outcome::refused)
                        .map(r -> getTranslation(r.messageKey(), r.messageArgs().toArray()));
        problem.setVisible(said.isPresent());
        said.ifPresent(problem::setText);
        if (outcome == null) {
            return;
        }
        moves.removeAll();
        outcome.comparison().ifPresentOrElse(c -> {
            moves.add(move("encdec", getTranslation("encdec.model.encdec"), c.x().word(), c.encDec().move()),
                    move("decoder", getTranslation("encdec.model.decoder"), c.x().word(), c.decoder().move()));
            fill(encDecLayer, Math.min(c.encDec().encoder().length, c.encDec().cross().length));
            fill(encDecHead, c.encDec().encoder()[0].length);
            fill(decoderLayer, c.decoder().attention().length);
            fill(decoderHead, c.decoder().attention()[0].length);
            drawAttention();
            drawStages(c);
        }, () -> stages.show(List.of(), List.of()));
    }

    private Component move(String id, String model, String x, EncDecLabService.Move move) {
        Span you = new Span(getTranslation("encdec.moves.you", x));
        Span answer = new Span(move.answer().isEmpty() ? "∅" : move.answer());
        answer.addClassName("jl-idiom");
        Span verdict = new Span(move.valid() ? getTranslation("encdec.moves.valid")
                : getTranslation("encdec.moves.invalid", move.why().map(r -> getTranslation(r.messageKey(),
                        r.messageArgs().toArray())).orElse("")));
        verdict.addClassName(move.valid() ? "jl-free-valid" : "jl-free-invalid");
        Paragraph guided = new Paragraph(move.guided().isEmpty() ? getTranslation("encdec.moves.guided.none")
                : getTranslation("encdec.moves.guided", move.guided()));
        guided.addClassName("jl-note");
        Div column = new Div(new Paragraph(new Span(model)), new Paragraph(you), new Paragraph(answer, new Span(" "),
                verdict), guided);
        column.setId("encdec-move-" + id);
        column.addClassName("jl-free");
        if (id.equals("encdec")) {
            column.addClassName("jl-duo-encdec");
        }
        return column;
    }

    private void drawAttention() {
        if (outcome == null || outcome.comparison().isEmpty()) {
            return;
        }
        EncDecLabService.Comparison c = outcome.comparison().get();
        EncDecLabService.EncDecView e = c.encDec();
        List<String> source = labels(e.source());
        List<String> target = labels(e.target());
        AttentionHeatmap.Texts self = new AttentionHeatmap.Texts(getTranslation("panel.hidden"),
                getTranslation("panel.axis.rows"), getTranslation("panel.axis.columns"));
        encoderChart
                .setOption(AttentionHeatmap.option(source, select(e.encoder(), value(encDecLayer), value(encDecHead)),
                        AttentionHeatmap.View.BIDIRECTIONAL, -1, self));
        float[][] cross = select(e.cross(), value(encDecLayer), value(encDecHead));
        crossChart.setOption(AttentionHeatmap.rectangle(target, source, cross, new AttentionHeatmap.Texts("",
                getTranslation("encdec.cross.rows"), getTranslation("encdec.cross.columns"))));
        // the first answer character is written at ▸: how much of that position's reading goes to X's last character
        crossReading.setText(getTranslation("encdec.cross.reading", source.get(source.size() - 1),
                percent(cross[0][source.size() - 1]), c.x().word()));
        EncDecLabService.DecoderView d = c.decoder();
        List<String> tokens = labels(d.tokens());
        float[][] weights = select(d.attention(), value(decoderLayer), value(decoderHead));
        int sep = d.tokens().indexOf("<sep>");
        decoderChart.setOption(AttentionHeatmap.option(tokens, weights, AttentionHeatmap.View.CAUSAL, sep, self));
        decoderReading.setText(sep > 0 ? getTranslation("encdec.decoder.reading", percent(weights[sep][sep - 1]),
                tokens.get(sep - 1)) : "");
    }

    private void drawStages(EncDecLabService.Comparison c) {
        EncDecLabService.Stages s = c.stages();
        List<String> chain = s.chain();
        String pairX = s.pair().isEmpty() ? c.x().word() : s.pair().get(0);
        String pairY = s.pair().isEmpty() ? "" : s.pair().get(1);
        List<String> header = List.of(getTranslation("encdec.stages.stage"), getTranslation("encdec.stages.encdec"),
                getTranslation("encdec.stages.decoder"), getTranslation("encdec.stages.same"));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(getTranslation("encdec.stage.pretrain"),
                io(s.spanSource(), s.spanTarget(), "encdec.stages.spans"),
                io(chain.subList(0, chain.size() - 1), chain.subList(1, chain.size()), "encdec.stages.next"),
                getTranslation("encdec.stages.pretrain.note")));
        rows.add(List.of(getTranslation("encdec.stage.finetune"),
                io(chars(pairX), withEnds(pairY), "encdec.stages.answer"),
                io(withStart(pairX, pairY), chars(pairX + "｜" + pairY + "■"), "encdec.stages.next"),
                getTranslation("encdec.stages.finetune.note")));
        rows.add(List.of(getTranslation("encdec.stage.inference"),
                io(chars(c.x().word()), List.of(answerOrEmpty(c.encDec().move())), "encdec.stages.writes"),
                io(labels(List.of("<bos>")).stream().map(t -> t + c.x().word() + "｜").toList(),
                        List.of(answerOrEmpty(c.decoder().move())), "encdec.stages.writes"),
                getTranslation("encdec.stages.inference.note")));
        stages.show(header, rows);
    }

    private String answerOrEmpty(EncDecLabService.Move m) {
        return m.answer().isEmpty() ? "∅" : m.answer();
    }

    /** A cell: "reads …" and "is trained on / writes …". */
    private HtmlTable.Lines io(List<String> input, List<String> target, String targetKey) {
        return HtmlTable.Lines.of(getTranslation("encdec.stages.reads", joined(labels(input))),
                getTranslation(targetKey, joined(labels(target))));
    }

    private static List<String> chars(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    private static List<String> withEnds(String y) {
        List<String> out = new ArrayList<>(chars(y));
        out.add(0, "<bos>");
        out.add("<eos>");
        return out;
    }

    private static List<String> withStart(String x, String y) {
        List<String> out = new ArrayList<>();
        out.add("<bos>");
        out.addAll(chars(x));
        out.add("<sep>");
        out.addAll(chars(y));
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // the shipped results

    private void redrawResults() {
        EncDecResults r = service.results();
        EncDecResults.DataEfficiency e = r.efficiency();
        NumberFormat n = NumberFormat.getIntegerInstance(getLocale());
        efficiencySource.setText(getTranslation("encdec.source", e.command(), day(e.created()), e.seed(),
                e.recipe(), e.game()));
        EncDecCharts.Names names = new EncDecCharts.Names(getTranslation("encdec.run.decoder"),
                getTranslation("encdec.run.sameTokens"), getTranslation("encdec.run.sameFlops"));
        String tokens = getTranslation("encdec.axis.tokens");
        for (EChart c : List.of(validityChart, lossChart, flopsChart)) {
            c.setHeight("360px");
        }
        validityChart.setOption(EncDecCharts.runs(e, p -> p.tokens() / 1e6, EncDecResults.Point::gameValidOfPossible,
                tokens, getTranslation("encdec.axis.validity"), true, names));
        lossChart.setOption(EncDecCharts.runs(e, p -> p.tokens() / 1e6, EncDecResults.Point::answerLoss, tokens,
                getTranslation("encdec.axis.loss"), false, names));
        flopsChart.setOption(EncDecCharts.runs(e, p -> p.flops() / 1e12, EncDecResults.Point::gameValidOfPossible,
                getTranslation("encdec.axis.flops"), getTranslation("encdec.axis.validity"), true, names));
        List<String> header = List.of(getTranslation("encdec.table.run"), getTranslation("encdec.table.tokens"),
                getTranslation("encdec.table.targets"), getTranslation("encdec.table.flops"),
                getTranslation("encdec.table.loss"), getTranslation("encdec.table.validity"),
                getTranslation("encdec.table.seconds"));
        List<List<Object>> rows = new ArrayList<>();
        String decoderSize = getTranslation("encdec.run.size", e.models().get("decoder").size(),
                n.format(e.models().get("decoder").parameters()));
        String encDecSize = getTranslation("encdec.run.size", e.models().get("encdec").size(),
                n.format(e.models().get("encdec").parameters()));
        rows.add(runRow(names.decoder() + " " + decoderSize, e.decoder(), n));
        rows.add(runRow(names.encDecSameTokens() + " " + encDecSize, e.encdecSameTokens(), n));
        rows.add(runRow(names.encDecSameFlops() + " " + encDecSize, e.encdecSameFlops(), n));
        efficiencyTable.show(header, rows);
        efficiencyReading.setText(getTranslation("encdec.efficiency.reading",
                percent(e.decoder().last().gameValidOfPossible()), n.format(e.decoder().tokens()),
                percent(e.encdecSameTokens().last().gameValidOfPossible()),
                two(e.decoder().supervisedTargetsPerToken()), two(e.encdecSameTokens().supervisedTargetsPerToken()),
                tokensTo(e.decoder(), 0.5, n), tokensTo(e.encdecSameTokens(), 0.5, n),
                percent(e.encdecSameFlops().last().gameValidOfPossible()), n.format(e.encdecSameFlops().tokens())));

        EncDecResults.Consistency c = r.consistency();
        consistencySource.setText(getTranslation("encdec.source.consistency", c.command(), day(c.created()), c.seed(),
                n.format(c.pretrainChains()), n.format(c.finetunePairs())));
        consistencyChart.setOption(EncDecCharts.consistency(c, getTranslation("encdec.model.decoder.short"),
                getTranslation("encdec.model.encdec.short"), getTranslation("encdec.consistency.zeroShot"),
                getTranslation("encdec.consistency.fineTuned"), getTranslation("encdec.axis.validity")));
        consistencyTable.show(List.of(getTranslation("encdec.table.model"), getTranslation("encdec.table.pretrain"),
                getTranslation("encdec.consistency.zeroShot"), getTranslation("encdec.consistency.fineTuned"),
                getTranslation("encdec.table.examples")),
                List.of(archRow(getTranslation("encdec.model.decoder.short"), getTranslation("encdec.pretrain.decoder"),
                        c.decoder(), n),
                        archRow(getTranslation("encdec.model.encdec.short"), getTranslation("encdec.pretrain.encdec"),
                                c.encdec(), n)));
        consistencyReading.setText(getTranslation("encdec.consistency.reading",
                percent(c.decoder().zeroShotGameValidOfPossible()), percent(c.encdec().zeroShotGameValidOfPossible()),
                percent(c.decoder().finetunedGameValidOfPossible()),
                percent(c.encdec().finetunedGameValidOfPossible())));
        recordedStages.show(List.of(getTranslation("encdec.stages.stage"), getTranslation("encdec.stages.encdec"),
                getTranslation("encdec.stages.decoder")),
                List.of("pretrain", "finetune", "inference").stream().<List<Object>>map(stage -> List.of(
                        getTranslation("encdec.stage." + stage),
                        io(c.encdec().stage(stage).input(), c.encdec().stage(stage).target(),
                                stage.equals("inference") ? "encdec.stages.writes" : "encdec.stages.trained"),
                        io(c.decoder().stage(stage).input(), c.decoder().stage(stage).target(),
                                stage.equals("inference") ? "encdec.stages.writes" : "encdec.stages.trained")))
                        .toList());
    }

    private List<Object> runRow(String name, EncDecResults.Run run, NumberFormat n) {
        return List.of(name, n.format(run.tokens()), two(run.supervisedTargetsPerToken()),
                String.format(Locale.ROOT, "%.2e", run.flops()), two(run.last().answerLoss()),
                percent(run.last().gameValidOfPossible()), n.format(Math.round(run.seconds())));
    }

    private List<Object> archRow(String name, String pretrain, EncDecResults.Arch a, NumberFormat n) {
        return List.of(name, getTranslation("encdec.table.pretrainDetail", pretrain, n.format(a.pretrainTokens()),
                n.format(a.pretrainTargets())),
                percent(a.zeroShotGameValidOfPossible()), percent(a.finetunedGameValidOfPossible()),
                String.join("，", a.finetunedExamples().subList(0, Math.min(3, a.finetunedExamples().size()))));
    }

    /** Tokens seen at the first point whose validity reached a share, or "not reached". */
    private String tokensTo(EncDecResults.Run run, double share, NumberFormat n) {
        return run.points().stream().filter(p -> p.gameValidOfPossible() >= share).findFirst()
                .map(p -> n.format(p.tokens())).orElse(getTranslation("encdec.notReached"));
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    private static List<String> labels(List<String> tokens) {
        return tokens.stream().map(t -> t.equals("<sentinel>") ? "⟨_⟩" : Tokens.label(t)).toList();
    }

    private static String joined(List<String> labels) {
        return String.join("", labels);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String day(String created) {
        return created.length() >= 10 ? created.substring(0, 10) : created;
    }

    private static void fill(Select<Integer> select, int count) {
        Integer keep = select.getValue();
        List<Integer> items = new ArrayList<>();
        items.add(AVERAGE);
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        if (!items.equals(select.getListDataView().getItems().toList())) {
            select.setItems(items);
        }
        select.setValue(keep != null && items.contains(keep) ? keep : AVERAGE);
    }

    private static int value(Select<Integer> select) {
        return select.getValue() == null ? AVERAGE : select.getValue();
    }

    /** One layer and head, or the average over layers and/or heads: [row][column]. */
    static float[][] select(float[][][][] attention, int layer, int head) {
        int rows = attention[0][0].length, cols = attention[0][0][0].length;
        float[][] out = new float[rows][cols];
        int count = 0;
        for (int l = 0; l < attention.length; l++) {
            for (int h = 0; h < attention[l].length; h++) {
                if ((layer == AVERAGE || l == layer) && (head == AVERAGE || h == head)) {
                    for (int r = 0; r < rows; r++) {
                        for (int k = 0; k < cols; k++) {
                            out[r][k] += attention[l][h][r][k];
                        }
                    }
                    count++;
                }
            }
        }
        for (float[] row : out) {
            for (int k = 0; k < cols; k++) {
                row[k] /= Math.max(1, count);
            }
        }
        return out;
    }
}

package lab.jielong.play.ui;

import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Play page: the game on the left, the "what would an encoder peek at?" panel on the right
 * (below the game on a phone).
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("接龙实验室 Jielong Lab")
public class PlayView extends Div implements LocaleChangeObserver {

    private final IdiomCorpus corpus;
    private final H2 gameHeading = new H2();
    private final Paragraph intro = new Paragraph();
    private final H2 panelHeading = new H2();
    private final Paragraph panelNote = new Paragraph();
    private final EChart chart = new EChart();

    PlayView(IdiomCorpus corpus) {
        this.corpus = corpus;
        addClassName("jl-play");
        Section game = new Section(gameHeading, intro);
        game.addClassName("jl-game");
        chart.setId("peek-chart");
        Aside panel = new Aside(panelHeading, panelNote, chart);
        panel.addClassName("jl-panel");
        add(game, panel);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        gameHeading.setText(getTranslation("play.heading"));
        intro.setText(getTranslation("play.intro", corpus.size()));
        panelHeading.setText(getTranslation("panel.heading"));
        panelNote.setText(getTranslation("panel.firstChars"));
        chart.setOption(firstCharacterChart());
    }

    /** The characters that open the most idioms: where a chain has the most room. */
    private Map<String, Object> firstCharacterChart() {
        Map<Character, Long> counts = corpus.idioms().stream()
                .collect(Collectors.groupingBy(Idiom::first, Collectors.counting()));
        List<Map.Entry<Character, Long>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<Character, Long>comparingByValue().reversed()).limit(12).toList();
        return Map.of(
                "grid", Map.of("left", 40, "right", 16, "top", 16, "bottom", 28),
                "tooltip", Map.of("trigger", "axis"),
                "xAxis", Map.of("type", "category", "data", top.stream().map(e -> e.getKey().toString()).toList()),
                "yAxis", Map.of("type", "value"),
                "series", List.of(Map.of("type", "bar", "name", getTranslation("panel.idioms"),
                        "data", top.stream().map(Map.Entry::getValue).toList(),
                        "itemStyle", Map.of("color", "#1a73e8"))));
    }
}

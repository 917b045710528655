package lab.jielong.base.ui.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;

/**
 * An Apache ECharts chart. The Java side owns the option, built from plain maps, lists and records and sent
 * as JSON; the Lit element {@code frontend/components/jl-echart.ts} owns the chart's life cycle (init,
 * setOption, resize with its container, dispose) and reports clicks back as {@link ChartClickEvent}.
 *
 * <p>ECharts options cannot carry JavaScript functions as JSON, so tooltips that need one name a formatter
 * the element knows: see {@link #HEATMAP_TOOLTIP}.
 */
@Tag("jl-echart")
@NpmPackage(value = "echarts", version = "5.6.0")
@JsModule("./components/jl-echart.ts")
public class EChart extends Component implements HasSize, HasStyle {

    /**
     * Tooltip formatter name for heatmaps: shows "row label → column label: value" using the chart's
     * axis labels. Use as {@code "tooltip": {"formatter": EChart.HEATMAP_TOOLTIP}}.
     */
    public static final String HEATMAP_TOOLTIP = "jl:heatmap";

    private static final ObjectMapper JSON = new ObjectMapper();
    private String optionJson = "{}";

    public EChart() {
        setWidthFull();
        setHeight("320px");
    }

    /** Replaces the whole option (ECharts {@code notMerge}); the chart redraws without a page reload. */
    public void setOption(Object option) {
        try {
            optionJson = JSON.writeValueAsString(option);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart option is not serialisable to JSON: " + e.getMessage(), e);
        }
        getElement().setProperty("option", optionJson);
    }

    /** The option last sent to the browser, as JSON (what tests without a browser can inspect). */
    public String getOptionJson() {
        return optionJson;
    }

    /** Called when the visitor clicks or taps a data item (a bar, a heatmap cell, a point). */
    public Registration addChartClickListener(ComponentEventListener<ChartClickEvent> listener) {
        return addListener(ChartClickEvent.class, listener);
    }
}

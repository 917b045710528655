package lab.jielong.base.ui.chart;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DebounceSettings;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.dom.DebouncePhase;

/**
 * A click or tap on a data item of an {@link EChart}, as ECharts reports it. Debounced in the browser (Flow's own
 * event debouncing, no extra script): the first click of a burst reaches the server at once, and further clicks
 * are dropped until the chart has had {@value #DEBOUNCE_MS} ms without one, so clicking about on a heatmap cannot
 * queue a model run per click.
 */
@DomEvent(value = "chart-click", debounce = @DebounceSettings(timeout = ChartClickEvent.DEBOUNCE_MS,
        phases = DebouncePhase.LEADING))
public class ChartClickEvent extends ComponentEvent<EChart> {

    /** Quiet time after a click before the next one counts. */
    public static final int DEBOUNCE_MS = 250;

    private final int seriesIndex;
    private final int dataIndex;
    private final String name;
    private final String valueJson;

    public ChartClickEvent(EChart source, boolean fromClient,
            @EventData("event.detail.seriesIndex") int seriesIndex,
            @EventData("event.detail.dataIndex") int dataIndex,
            @EventData("event.detail.name") String name,
            @EventData("event.detail.value") String valueJson) {
        super(source, fromClient);
        this.seriesIndex = seriesIndex;
        this.dataIndex = dataIndex;
        this.name = name;
        this.valueJson = valueJson;
    }

    public int getSeriesIndex() {
        return seriesIndex;
    }

    /** Index of the item in its series' data. */
    public int getDataIndex() {
        return dataIndex;
    }

    /** The item's name (a category label), or empty. */
    public String getName() {
        return name == null ? "" : name;
    }

    /** The item's value as JSON, e.g. {@code [3,1,0.42]} for a heatmap cell. */
    public String getValueJson() {
        return valueJson == null ? "null" : valueJson;
    }
}

package lab.jielong.base.ui.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts option for an attention matrix: row = the position that looks (query), column = the position
 * looked at (key). Cells the causal mask hides are drawn as a muted, hatched layer; cells where a
 * bidirectional model attends to the future are outlined in the warning colour.
 *
 * <p>Colours follow DESIGN.md: one accent for "visible", a muted hatch for "hidden by the mask", a
 * warning colour for "peeked at the future".
 */
public final class AttentionHeatmap {

    /** The plot's margins in the chart, in px: a row of position chips above it lines up with these. */
    public static final int GRID_LEFT = 48;
    public static final int GRID_RIGHT = 12;

    public static final String VISIBLE = "#1a73e8";
    public static final String HIDDEN = "#c9ced6";
    public static final String PEEK = "#d93025";

    /** How the upper triangle (key after query) is drawn. */
    public enum View {
        /** The decoder: future cells are hidden by the mask. */
        CAUSAL,
        /** A bidirectional encoder: future cells are real weights, marked as peeks. */
        BIDIRECTIONAL
    }

    private AttentionHeatmap() {
    }

    /**
     * The words a heatmap shows, in the visitor's language.
     *
     * @param hidden  tooltip of a masked cell
     * @param rows    title of the rows (the positions that look)
     * @param columns title of the columns (the positions looked at)
     */
    public record Texts(String hidden, String rows, String columns) {
    }

    /** {@link #option(List, float[][], View, int, Texts)} without axis titles. */
    public static Map<String, Object> option(List<String> labels, float[][] weights, View view, int selectedRow,
            String hiddenLabel) {
        return option(labels, weights, view, selectedRow, new Texts(hiddenLabel, "", ""));
    }

    /**
     * @param labels      one label per position (characters; special tokens already shown as symbols)
     * @param weights     [query][key] attention weights, rows summing to 1
     * @param view        causal or bidirectional drawing of the upper triangle
     * @param selectedRow a query position to emphasise, or -1
     * @param texts       the tooltip of masked cells and the axis titles, in the visitor's language; the colour
     *                    scale is labelled 0% and 100% (a row's weights sum to 1)
     */
    public static Map<String, Object> option(List<String> labels, float[][] weights, View view, int selectedRow,
            Texts texts) {
        int n = labels.size();
        List<List<Object>> visible = new ArrayList<>();
        List<List<Object>> future = new ArrayList<>();
        List<List<Object>> hidden = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                // ECharts puts y index 0 at the bottom; draw row 0 at the top like a matrix.
                int y = n - 1 - q;
                if (k <= q) {
                    visible.add(List.of(k, y, round(weights[q][k])));
                } else if (view == View.BIDIRECTIONAL) {
                    future.add(List.of(k, y, round(weights[q][k])));
                } else {
                    hidden.add(List.of(k, y, 0));
                }
            }
        }
        List<String> rowLabels = new ArrayList<>(labels.size());
        for (int q = n - 1; q >= 0; q--) {
            rowLabels.add(labels.get(q));
        }

        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("grid", Map.of("left", GRID_LEFT, "right", GRID_RIGHT, "top", 8, "bottom", 88));
        option.put("tooltip", Map.of("trigger", "item", "formatter", EChart.HEATMAP_TOOLTIP,
                "hiddenLabel", texts.hidden()));
        option.put("xAxis", Map.of("type", "category", "data", labels, "position", "bottom",
                "name", texts.columns(), "nameLocation", "middle", "nameGap", 28,
                "axisLabel", Map.of("interval", 0, "fontSize", 13), "splitArea", Map.of("show", false)));
        option.put("yAxis", Map.of("type", "category", "data", rowLabels,
                "name", texts.rows(), "nameLocation", "middle", "nameGap", 28, "nameRotate", 90,
                "axisLabel", Map.of("interval", 0, "fontSize", 13)));
        // ECharts colours heatmap cells only through a visualMap: the weights share one, the hidden
        // cells get a second, invisible one that paints them all in the muted colour.
        option.put("visualMap", List.of(
                Map.of("min", 0, "max", 1, "calculable", false, "orient", "horizontal", "left", "center",
                        "bottom", 4, "itemHeight", 120, "seriesIndex", List.of(0, 1), "text", List.of("100%", "0%"),
                        "inRange", Map.of("color", List.of("#f3f6fb", VISIBLE))),
                Map.of("show", false, "min", 0, "max", 1, "seriesIndex", 2,
                        "inRange", Map.of("color", List.of(HIDDEN, HIDDEN)))));
        List<Object> series = new ArrayList<>();
        series.add(cells(visible, Map.of("borderColor", "#ffffff", "borderWidth", 1)));
        series.add(cells(future, Map.of("borderColor", PEEK, "borderWidth", 2)));
        series.add(cells(hidden, Map.of("borderColor", "#ffffff", "borderWidth", 1,
                "decal", Map.of("symbol", "rect", "dashArrayX", List.of(1, 0), "dashArrayY", List.of(2, 5),
                        "rotation", -0.785, "color", "rgba(255,255,255,0.6)"))));
        if (selectedRow >= 0 && selectedRow < n) {
            int y = n - 1 - selectedRow;
            series.add(Map.of("type", "scatter", "silent", true, "symbol", "rect",
                    "symbolSize", List.of(0, 0), "data", List.of(),
                    "markLine", Map.of("silent", true, "symbol", "none", "label", Map.of("show", false),
                            "lineStyle", Map.of("color", "#202124", "width", 2, "type", "solid"),
                            "data", List.of(Map.of("yAxis", y)))));
        }
        option.put("series", series);
        return option;
    }

    /**
     * A rectangular attention matrix where every cell may be read, such as cross-attention (rows: the target
     * positions that look; columns: the source positions they read). Drawn like the visible cells above.
     *
     * @param rows    one label per row (query)
     * @param columns one label per column (key)
     * @param weights [row][column] weights, rows summing to 1
     */
    public static Map<String, Object> rectangle(List<String> rows, List<String> columns, float[][] weights,
            Texts texts) {
        int n = rows.size();
        List<List<Object>> cells = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < columns.size(); k++) {
                cells.add(List.of(k, n - 1 - q, round(weights[q][k])));   // row 0 at the top
            }
        }
        List<String> rowLabels = new ArrayList<>(rows);
        java.util.Collections.reverse(rowLabels);
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("grid", Map.of("left", GRID_LEFT, "right", GRID_RIGHT, "top", 8, "bottom", 88));
        option.put("tooltip", Map.of("trigger", "item", "formatter", EChart.HEATMAP_TOOLTIP,
                "hiddenLabel", texts.hidden()));
        option.put("xAxis", Map.of("type", "category", "data", columns, "position", "bottom",
                "name", texts.columns(), "nameLocation", "middle", "nameGap", 28,
                "axisLabel", Map.of("interval", 0, "fontSize", 13), "splitArea", Map.of("show", false)));
        option.put("yAxis", Map.of("type", "category", "data", rowLabels,
                "name", texts.rows(), "nameLocation", "middle", "nameGap", 28, "nameRotate", 90,
                "axisLabel", Map.of("interval", 0, "fontSize", 13)));
        option.put("visualMap", List.of(Map.of("min", 0, "max", 1, "calculable", false, "orient", "horizontal",
                "left", "center", "bottom", 4, "itemHeight", 120, "text", List.of("100%", "0%"),
                "inRange", Map.of("color", List.of("#f3f6fb", VISIBLE)))));
        option.put("series", List.of(cells(cells, Map.of("borderColor", "#ffffff", "borderWidth", 1))));
        return option;
    }

    private static Map<String, Object> cells(List<List<Object>> data, Map<String, Object> itemStyle) {
        return Map.of("type", "heatmap", "data", data, "itemStyle", itemStyle,
                "emphasis", Map.of("itemStyle", Map.of("borderColor", "#202124", "borderWidth", 2)));
    }

    private static double round(float w) {
        return Math.round(w * 1000.0) / 1000.0;
    }
}

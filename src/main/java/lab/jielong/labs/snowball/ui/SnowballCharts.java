package lab.jielong.labs.snowball.ui;

import lab.jielong.base.ui.Tokens;
import lab.jielong.base.ui.chart.AttentionHeatmap;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.labs.snowball.Generation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options of the snowball lab: the cost of each step and the cumulative cost, with the cache (accent)
 * and recomputing every position (warning colour), over the positions of the context; and the KV cache as a
 * heatmap, one row per position, a key and a value column per layer.
 */
final class SnowballCharts {

    static final String CACHED = AttentionHeatmap.VISIBLE;
    static final String RECOMPUTED = AttentionHeatmap.PEEK;

    private SnowballCharts() {
    }

    /** Each written step's cost (µs measured, or FLOPs in closed form) at its position. */
    static Map<String, Object> perStep(List<Generation.Step> steps, boolean time, int context, String[] names,
            String unit, String positionLabel) {
        List<List<Object>> cached = new ArrayList<>(), recomputed = new ArrayList<>();
        for (Generation.Step s : steps.subList(1, steps.size())) {
            cached.add(List.of(s.position(), time ? round(s.cachedMicros()) : s.cachedFlops()));
            recomputed.add(List.of(s.position(), time ? round(s.recomputedMicros()) : s.recomputedFlops()));
        }
        return lines(cached, recomputed, context, names, unit, positionLabel);
    }

    /** The same summed from the first written step: linear with the cache, quadratic without. */
    static Map<String, Object> cumulative(List<Generation.Step> steps, boolean time, int context, String[] names,
            String unit, String positionLabel) {
        List<List<Object>> cached = new ArrayList<>(), recomputed = new ArrayList<>();
        double a = 0, b = 0;
        for (Generation.Step s : steps.subList(1, steps.size())) {
            a += time ? s.cachedMicros() : s.cachedFlops();
            b += time ? s.recomputedMicros() : s.recomputedFlops();
            cached.add(List.of(s.position(), time ? round(a) : (long) a));
            recomputed.add(List.of(s.position(), time ? round(b) : (long) b));
        }
        return lines(cached, recomputed, context, names, unit, positionLabel);
    }

    private static Map<String, Object> lines(List<List<Object>> cached, List<List<Object>> recomputed, int context,
            String[] names, String unit, String positionLabel) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("color", List.of(CACHED, RECOMPUTED));
        option.put("legend", Map.of("top", 0, "data", List.of(names[0], names[1])));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("grid", Map.of("left", 8, "right", 16, "top", 48, "bottom", 28, "containLabel", true));
        option.put("xAxis", Map.of("type", "value", "min", 0, "max", context - 1, "name", positionLabel,
                "nameLocation", "middle", "nameGap", 22, "minInterval", 1));
        option.put("yAxis", Map.of("type", "value", "name", unit, "nameTextStyle", Map.of("align", "left")));
        option.put("series", List.of(line(names[0], cached), line(names[1], recomputed)));
        return option;
    }

    private static Map<String, Object> line(String name, List<List<Object>> data) {
        return Map.of("type", "line", "name", name, "data", data, "symbolSize", 5, "showSymbol", true);
    }

    /**
     * The cache after the latest step: row t = position t (the token's symbol beside its number), a key and a
     * value column per layer, the cell the length of that vector; positions not yet written are empty, the
     * newest row is outlined.
     */
    static Map<String, Object> cache(double[][] norms, List<String> tokens, int context, String key, String value) {
        int columns = norms.length, filled = tokens.size();
        List<String> x = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            x.add("L" + (c / 2 + 1) + " " + (c % 2 == 0 ? key : value));
        }
        // ECharts puts category 0 at the bottom: list the positions backwards so position 0 is the top row
        List<String> y = new ArrayList<>();
        for (int t = context - 1; t >= 0; t--) {
            y.add(t < filled ? t + " " + Tokens.label(tokens.get(t)) : Integer.toString(t));
        }
        List<Object> data = new ArrayList<>();
        double min = Double.MAX_VALUE, max = 0;
        for (int c = 0; c < columns; c++) {
            for (int t = 0; t < filled; t++) {
                double v = Math.round(norms[c][t] * 100) / 100.0;
                min = Math.min(min, v);
                max = Math.max(max, v);
                List<Object> cell = List.of(c, context - 1 - t, v);
                data.add(t == filled - 1 ? Map.of("value", cell, "itemStyle",
                        Map.of("borderColor", "#202124", "borderWidth", 2)) : cell);
            }
        }
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("tooltip", Map.of("trigger", "item", "formatter", EChart.HEATMAP_TOOLTIP));
        option.put("grid", Map.of("left", 8, "right", 8, "top", 8, "bottom", 56, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", x, "position", "top",
                "axisLabel", Map.of("interval", 0, "fontSize", 11), "splitArea", Map.of("show", true)));
        option.put("yAxis", Map.of("type", "category", "data", y, "axisLabel", Map.of("interval", 0, "fontSize", 11),
                "splitArea", Map.of("show", true)));
        option.put("visualMap", Map.of("min", filled == 0 ? 0 : Math.floor(min), "max", Math.max(1, Math.ceil(max)),
                "calculable", false, "orient", "horizontal", "left", "center", "bottom", 4, "itemHeight", 120,
                "inRange", Map.of("color", List.of("#f3f6fb", CACHED))));
        option.put("series", List.of(Map.of("type", "heatmap", "data", data,
                "itemStyle", Map.of("borderColor", "#ffffff", "borderWidth", 1))));
        return option;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

package lab.jielong.labs.encdec.ui;

import lab.jielong.labs.encdec.EncDecResults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The ECharts options of the encoder-decoder lab, as plain maps (Java owns the option; see EChart). Every number
 * drawn comes from the results files of {@code encdec-lab}.
 */
final class EncDecCharts {

    static final String DECODER = "#1a73e8", ENCDEC = "#e8710a", ENCDEC_FLOPS = "#9334e6";

    /** The series names, translated. */
    record Names(String decoder, String encDecSameTokens, String encDecSameFlops) {
    }

    private EncDecCharts() {
    }

    /**
     * One measure of the three runs against tokens seen (or FLOPs): the decoder-only, the encoder-decoder for the
     * same tokens and for the same FLOPs.
     *
     * @param percent the measure is a share, drawn 0-100%
     */
    static Map<String, Object> runs(EncDecResults.DataEfficiency e, ToDoubleFunction<EncDecResults.Point> x,
            ToDoubleFunction<EncDecResults.Point> y, String xName, String yName,
            boolean percent, Names names) {
        List<Object> series = List.of(
                line(names.decoder(), e.decoder(), x, y, percent, DECODER, "solid"),
                line(names.encDecSameTokens(), e.encdecSameTokens(), x, y, percent, ENCDEC, "solid"),
                line(names.encDecSameFlops(), e.encdecSameFlops(), x, y, percent, ENCDEC_FLOPS, "dashed"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("grid", Map.of("left", 48, "right", 24, "top", 32, "bottom", 100));
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("legend", Map.of("type", "plain", "bottom", 0, "textStyle", Map.of("fontSize", 11)));
        o.put("xAxis", Map.of("type", "value", "name", xName, "nameLocation", "middle", "nameGap", 28,
                "axisLabel", Map.of("hideOverlap", true, "formatter", "{value}")));
        Map<String, Object> yAxis = new LinkedHashMap<>(Map.of("type", "value", "name", yName,
                "nameTextStyle", Map.of("align", "left")));
        if (percent) {
            yAxis.put("min", 0);
            yAxis.put("max", 100);
        }
        o.put("yAxis", yAxis);
        o.put("series", series);
        return o;
    }

    /** Zero-shot and fine-tuned game validity of both architectures: grouped bars. */
    static Map<String, Object> consistency(EncDecResults.Consistency c, String decoder, String encDec,
            String zeroShot, String fineTuned, String yName) {
        List<String> categories = List.of(zeroShot, fineTuned);
        List<Object> series = List.of(
                bar(decoder, List.of(c.decoder().zeroShotGameValidOfPossible(),
                        c.decoder().finetunedGameValidOfPossible()), DECODER),
                bar(encDec, List.of(c.encdec().zeroShotGameValidOfPossible(),
                        c.encdec().finetunedGameValidOfPossible()), ENCDEC));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("grid", Map.of("left", 48, "right", 16, "top", 32, "bottom", 56));
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("legend", Map.of("bottom", 0, "textStyle", Map.of("fontSize", 11)));
        o.put("xAxis", Map.of("type", "category", "data", categories));
        o.put("yAxis", Map.of("type", "value", "name", yName, "min", 0, "max", 100,
                "nameTextStyle", Map.of("align", "left")));
        o.put("series", series);
        return o;
    }

    private static Map<String, Object> line(String name, EncDecResults.Run run, ToDoubleFunction<EncDecResults.Point> x,
            ToDoubleFunction<EncDecResults.Point> y, boolean percent, String color,
            String type) {
        List<double[]> data = new ArrayList<>();
        for (EncDecResults.Point p : run.points()) {
            double v = y.applyAsDouble(p);
            data.add(new double[] {round(x.applyAsDouble(p), 3), percent ? round(v * 100, 1) : round(v, 3)});
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "line");
        s.put("name", name);
        s.put("data", data);
        s.put("showSymbol", true);
        s.put("symbolSize", 6);
        s.put("lineStyle", Map.of("color", color, "type", type, "width", 2));
        s.put("itemStyle", Map.of("color", color));
        return s;
    }

    private static Map<String, Object> bar(String name, List<Double> shares, String color) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "bar");
        s.put("name", name);
        s.put("data", shares.stream().map(v -> round(v * 100, 1)).toList());
        s.put("itemStyle", Map.of("color", color));
        s.put("label", Map.of("show", true, "position", "top", "formatter", "{c}%"));
        return s;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

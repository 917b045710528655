package lab.jielong.labs.scaling.ui;

import lab.jielong.labs.scaling.Counting;
import lab.jielong.labs.scaling.PointRecord;
import lab.jielong.labs.scaling.ScalingFits;
import lab.jielong.labs.scaling.fit.Bootstrap;
import lab.jielong.labs.scaling.fit.LawParams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The ECharts options of the scaling page, as plain maps (Java owns the option; see EChart). Every number
 * drawn comes from the grid's records, the visitor's runs, or the fit passed in.
 */
final class ScalingCharts {

    static final String[] PALETTE = {"#1a73e8", "#e8710a", "#188038", "#d93025", "#9334e6", "#12b5cb", "#b06000",
            "#5f6368", "#f538a0", "#3949ab"};
    static final String YOURS = "#000000";

    /** Labels the charts need, already translated. */
    record Labels(String loss, String params, String tokens, String compute, String fitted, String band, String yours,
            String approach2, String frontier, String floor, String fittedE, String level, String size) {
    }

    private ScalingCharts() {
    }

    /** Loss against N: the measured IsoFLOP profiles (one line per compute budget), the fit at each run, approach 2's minima. */
    static Map<String, Object> lossVsParams(List<PointRecord> grid, List<PointRecord> yours, Counting c,
            ScalingFits.CountingFit fit, ScalingFits.Variant v, Labels l) {
        List<Object> series = new ArrayList<>();
        TreeMap<Integer, List<PointRecord>> byLevel = group(grid, PointRecord::level);
        for (Map.Entry<Integer, List<PointRecord>> e : byLevel.entrySet()) {
            String color = PALETTE[e.getKey() % PALETTE.length];
            List<PointRecord> pts = new ArrayList<>(e.getValue());
            pts.sort(Comparator.comparingLong(r -> r.n(c)));
            String name = l.level() + " " + sci(pts.get(0).flops().sixNdAll());
            series.add(line(name, pts.stream().map(r -> xy(r.n(c), r.loss())).toList(), color, true, "solid"));
            if (fit != null) {
                series.add(line(name, meanBySize(pts, c).entrySet().stream()
                        .map(x -> xy(x.getKey(), fit.law(v).params().loss(x.getKey(), x.getValue()))).toList(), color,
                        false, "dashed"));
            }
        }
        if (fit != null && !fit.approach2().optima().isEmpty()) {
            series.add(scatter(l.approach2(), fit.approach2().optima().stream().map(o -> xy(o[1], o[2])).toList(),
                    "#000000", "diamond", 11));
        }
        addYours(series, yours, r -> r.n(c), l);
        return option(l.params() + " (" + c.key() + ")", l.loss(), series);
    }

    /** Loss against tokens: a line per model size, the fitted curve per size, the bootstrap band of the largest. */
    static Map<String, Object> lossVsTokens(List<PointRecord> grid, List<PointRecord> yours, Counting c,
            ScalingFits.CountingFit fit, ScalingFits.Variant v, Labels l) {
        List<Object> series = new ArrayList<>();
        TreeMap<Integer, List<PointRecord>> bySize = group(grid, PointRecord::sizeIndex);
        for (Map.Entry<Integer, List<PointRecord>> e : bySize.entrySet()) {
            String color = PALETTE[e.getKey() % PALETTE.length];
            List<PointRecord> pts = new ArrayList<>(e.getValue());
            pts.sort(Comparator.comparingLong(PointRecord::tokens));
            String name = pts.get(0).size();
            series.add(line(name, pts.stream().map(r -> xy(r.tokens(), r.loss())).toList(), color, true, "solid"));
            if (fit != null) {
                double n = pts.get(0).n(c);
                double lo = pts.get(0).tokens() / 1.5, hi = pts.get(pts.size() - 1).tokens() * 1.5;
                series.add(line(name, curve(lo, hi, d -> fit.law(v).params().loss(n, d)), color, false, "dashed"));
                if (e.getKey().equals(bySize.lastKey())) {
                    List<double[]> band = curveBand(lo, hi, d -> fit.law(v).band(n, d));
                    series.add(line(l.band() + " (" + name + ")", band.stream().map(b -> xy(b[0], b[1])).toList(),
                            color, false, "dotted"));
                    series.add(line(l.band() + " (" + name + ")", band.stream().map(b -> xy(b[0], b[2])).toList(),
                            color, false, "dotted"));
                }
            }
        }
        addYours(series, yours, r -> r.tokens(), l);
        return option(l.tokens(), l.loss(), series);
    }

    /** Loss against compute C = 6·N·D: every run, the compute-optimal frontier of the chosen fit with its band, approach 2's minima, the floor. */
    static Map<String, Object> lossVsCompute(List<PointRecord> grid, List<PointRecord> yours, Counting c,
            ScalingFits.CountingFit fit, ScalingFits.Variant v, double floor,
            Labels l) {
        List<Object> series = new ArrayList<>();
        TreeMap<Integer, List<PointRecord>> bySize = group(grid, PointRecord::sizeIndex);
        for (Map.Entry<Integer, List<PointRecord>> e : bySize.entrySet()) {
            String color = PALETTE[e.getKey() % PALETTE.length];
            series.add(scatter(e.getValue().get(0).size(), e.getValue().stream()
                    .map(r -> xy(r.flops().sixNd(c), r.loss())).toList(), color, "circle", 8));
        }
        Map<String, Object> floorLine = new LinkedHashMap<>();
        floorLine.put("silent", true);
        floorLine.put("symbol", "none");
        List<Object> marks = new ArrayList<>();
        marks.add(Map.of("yAxis", floor, "name", l.floor(), "lineStyle", Map.of("color", "#5f6368", "type", "dashed"),
                "label", Map.of("formatter", l.floor(), "position", "insideStartTop")));
        if (fit != null) {
            double lo = grid.stream().mapToDouble(r -> r.flops().sixNd(c)).min().orElse(1) / 2;
            double hi = grid.stream().mapToDouble(r -> r.flops().sixNd(c)).max().orElse(1) * 4;
            LawParams p = fit.law(v).params();
            series.add(line(l.frontier(), curve(lo, hi, cc -> optimalLoss(p, cc)), "#000000", false, "solid"));
            List<double[]> band = curveBand(lo, hi, cc -> fit.law(v).bootstrap().interval(q -> optimalLoss(q, cc)));
            series.add(line(l.band(), band.stream().map(b -> xy(b[0], b[1])).toList(), "#000000", false, "dotted"));
            series.add(line(l.band(), band.stream().map(b -> xy(b[0], b[2])).toList(), "#000000", false, "dotted"));
            if (!fit.approach2().optima().isEmpty()) {
                series.add(scatter(l.approach2(), fit.approach2().optima().stream().map(o -> xy(o[0], o[2])).toList(),
                        "#000000", "diamond", 11));
            }
            if (!fit.law(v).eFixed()) {   // a fixed E is the floor line itself
                marks.add(Map.of("yAxis", fit.law(v).bigE().value(), "name", l.fittedE(),
                        "lineStyle", Map.of("color", "#d93025", "type", "dotted"),
                        "label", Map.of("formatter", l.fittedE(), "position", "insideEndTop")));
            }
        }
        floorLine.put("data", marks);
        Map<String, Object> holder = new LinkedHashMap<>(line(l.floor(), List.of(), "#5f6368", false, "dashed"));
        holder.put("markLine", floorLine);
        series.add(holder);
        addYours(series, yours, r -> r.flops().sixNd(c), l);
        return option("C = 6·N·D (" + c.key() + ")", l.loss(), series, floor);
    }

    /** The training loss of the visitor's run so far: [step, loss] pairs. */
    static Map<String, Object> trainingCurve(List<double[]> curve, String stepLabel, String lossLabel) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("grid", Map.of("left", 48, "right", 16, "top", 16, "bottom", 40));
        o.put("xAxis", Map.of("type", "value", "name", stepLabel, "nameLocation", "middle", "nameGap", 24));
        o.put("yAxis", Map.of("type", "value", "name", lossLabel, "scale", true));
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("series",
                List.of(line(lossLabel, curve.stream().map(p -> xy(p[0], p[1])).toList(), YOURS, false, "solid")));
        return o;
    }

    /** Loss of the compute-optimal model at budget C = 6·N·D under the fitted law. */
    static double optimalLoss(LawParams p, double compute) {
        double n = p.optimalN(compute);
        return p.loss(n, compute / (6 * n));
    }

    private static void addYours(List<Object> series, List<PointRecord> yours, Function<PointRecord, Number> x,
            Labels l) {
        if (!yours.isEmpty()) {
            series.add(scatter(l.yours(), yours.stream().map(r -> xy(x.apply(r).doubleValue(), r.loss())).toList(),
                    YOURS, "pin", 22));
        }
    }

    private static Map<Double, Double> meanBySize(List<PointRecord> pts, Counting c) {
        Map<Double, Double> out = new TreeMap<>();
        for (PointRecord r : pts) {
            out.putIfAbsent((double) r.n(c), (double) r.tokens());
        }
        return out;
    }

    private static <K extends Comparable<K>> TreeMap<K, List<PointRecord>> group(List<PointRecord> records,
            Function<PointRecord, K> key) {
        TreeMap<K, List<PointRecord>> out = new TreeMap<>();
        for (PointRecord r : records) {
            out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static List<double[]> curve(double lo, double hi, java.util.function.DoubleUnaryOperator f) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            double x = lo * Math.pow(hi / lo, i / 24.0);
            out.add(xy(x, f.applyAsDouble(x)));
        }
        return out;
    }

    private static List<double[]> curveBand(double lo, double hi,
            java.util.function.DoubleFunction<Bootstrap.Interval> f) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i <= 16; i++) {
            double x = lo * Math.pow(hi / lo, i / 16.0);
            Bootstrap.Interval b = f.apply(x);
            out.add(new double[] {x, b.lo(), b.hi()});
        }
        return out;
    }

    private static double[] xy(double x, double y) {
        return new double[] {x, y};
    }

    private static Map<String, Object> line(String name, List<double[]> data, String color, boolean symbols,
            String type) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "line");
        s.put("name", name);
        s.put("data", data);
        s.put("showSymbol", symbols);
        s.put("symbolSize", 7);
        s.put("lineStyle", Map.of("color", color, "type", type, "width", "solid".equals(type) ? 2 : 1.5));
        s.put("itemStyle", Map.of("color", color));
        return s;
    }

    private static Map<String, Object> scatter(String name, List<double[]> data, String color, String symbol,
            int size) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "scatter");
        s.put("name", name);
        s.put("data", data);
        s.put("symbol", symbol);
        s.put("symbolSize", size);
        s.put("itemStyle", Map.of("color", color));
        s.put("z", 5);
        return s;
    }

    private static Map<String, Object> option(String xName, String yName, List<Object> series) {
        return option(xName, yName, series, Double.NaN);
    }

    /** yInclude: a value the y axis must show (the loss floor), NaN for none. */
    private static Map<String, Object> option(String xName, String yName, List<Object> series, double yInclude) {
        // bounds from the data: x to whole decades, y to a tenth of a nat (log axes label only their ends here)
        double xLo = Double.MAX_VALUE, xHi = 0, yLo = Double.MAX_VALUE, yHi = 0;
        for (Object o : series) {
            Object data = ((Map<?, ?>) o).get("data");
            for (Object d : (List<?>) data) {
                double[] p = (double[]) d;
                if (p[0] > 0 && p[1] > 0 && Double.isFinite(p[0] + p[1])) {
                    xLo = Math.min(xLo, p[0]);
                    xHi = Math.max(xHi, p[0]);
                    yLo = Math.min(yLo, p[1]);
                    yHi = Math.max(yHi, p[1]);
                }
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("grid", Map.of("left", 44, "right", 28, "top", 28, "bottom", 96));
        o.put("tooltip", Map.of("trigger", "item"));
        o.put("legend", Map.of("type", "scroll", "bottom", 0, "textStyle", Map.of("fontSize", 11)));
        Map<String, Object> x = new LinkedHashMap<>(Map.of("type", "log", "name", xName, "nameLocation", "middle",
                "nameGap", 26, "axisLabel", Map.of("hideOverlap", true)));
        Map<String, Object> y = new LinkedHashMap<>(Map.of("type", "log", "name", yName,
                "nameTextStyle", Map.of("align", "left"), "axisLabel", Map.of("hideOverlap", true)));
        if (xHi > 0) {
            x.put("min", Math.pow(10, Math.floor(Math.log10(xLo))));
            x.put("max", Math.pow(10, Math.ceil(Math.log10(xHi))));
            if (Double.isFinite(yInclude) && yInclude > 0) {
                yLo = Math.min(yLo, yInclude);
            }
            y.put("min", Math.floor(yLo * 0.97 * 10) / 10);
            y.put("max", Math.ceil(yHi * 1.03 * 10) / 10);
        }
        o.put("xAxis", x);
        o.put("yAxis", y);
        o.put("series", series);
        return o;
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v).replace("e+0", "e").replace("e+", "e");
    }
}

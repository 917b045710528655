package lab.jielong.classroom.ui;

import com.vaadin.flow.component.Component;
import lab.jielong.classroom.Counter;
import lab.jielong.classroom.RoomSnapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * ECharts options for the leader's charts, built from one {@link RoomSnapshot}: plain maps and lists, as
 * {@link lab.jielong.base.ui.chart.EChart} expects, and bar charts only (the element registers bar, heatmap,
 * line and scatter series). Labels are translated through the page.
 */
final class RoomCharts {

    static final String ATTENDEES = "#1a73e8";
    static final String MODEL = "#d93025";
    static final String BOTH = "#188038";
    static final String NEITHER = "#c9ced6";

    private RoomCharts() {
    }

    /** Moves: the attendees' (accepted, refused) and the model's (valid, invalid), as horizontal bars. */
    static Map<String, Object> moves(Component page, RoomSnapshot room) {
        return bars(List.of(
                bar(page, Counter.MOVES_BY_ATTENDEES, room, ATTENDEES),
                bar(page, Counter.REFUSED_MOVES_BY_ATTENDEES, room, NEITHER),
                bar(page, Counter.MOVES_BY_MODEL, room, MODEL),
                bar(page, Counter.INVALID_MOVES_BY_MODEL, room, NEITHER)), 150);
    }

    /** The most played idioms, most on top. */
    static Map<String, Object> idioms(RoomSnapshot room) {
        List<Bar> bars = new ArrayList<>();
        room.topIdioms().forEach(i -> bars.add(new Bar(i.idiom(), i.count(), ATTENDEES)));
        return bars(bars, 80);
    }

    /** Finished games by winner. */
    static Map<String, Object> games(Component page, RoomSnapshot room) {
        return bars(List.of(
                bar(page, Counter.GAMES_WON_BY_MODEL, room, MODEL),
                bar(page, Counter.GAMES_WON_BY_ATTENDEES, room, ATTENDEES)), 110);
    }

    /** Guess rounds by who was right. */
    static Map<String, Object> guesses(Component page, RoomSnapshot room) {
        return bars(List.of(
                bar(page, Counter.GUESSES_ATTENDEE_BEAT_MODEL, room, ATTENDEES),
                bar(page, Counter.GUESSES_BOTH_RIGHT, room, BOTH),
                bar(page, Counter.GUESSES_MODEL_BEAT_ATTENDEE, room, MODEL),
                bar(page, Counter.GUESSES_BOTH_WRONG, room, NEITHER)), 170);
    }

    /** Training runs: started, finished, still running. */
    static Map<String, Object> training(Component page, RoomSnapshot room) {
        return bars(List.of(
                bar(page, Counter.TRAINING_RUNS_STARTED, room, ATTENDEES),
                bar(page, Counter.TRAINING_RUNS_FINISHED, room, BOTH),
                new Bar(page.getTranslation("classroom.count.running"), room.trainingRunsRunning(), MODEL)), 110);
    }

    private record Bar(String label, long value, String color) {
    }

    private static Bar bar(Component page, Counter counter, RoomSnapshot room, String color) {
        return new Bar(page.getTranslation("classroom.count." + counter.name()), room.count(counter), color);
    }

    private static Map<String, Object> bars(List<Bar> bars, int labelWidth) {
        // ECharts draws a category axis bottom-up: reverse, so the first bar is on top.
        List<Bar> shown = new ArrayList<>(bars);
        Collections.reverse(shown);
        return Map.of(
                "animation", false,
                "grid", Map.of("left", 8, "right", 40, "top", 8, "bottom", 8, "containLabel", true),
                "tooltip", Map.of("trigger", "axis"),
                "xAxis", Map.of("type", "value", "minInterval", 1),
                "yAxis", Map.of("type", "category", "data", shown.stream().map(Bar::label).toList(),
                        "axisLabel", Map.of("width", labelWidth, "overflow", "truncate", "fontSize", 13)),
                "series", List.of(Map.of("type", "bar",
                        "data",
                        shown.stream().map(b -> Map.of("value", b.value(), "itemStyle", Map.of("color", b.color())))
                                .toList(),
                        "label", Map.of("show", true, "position", "right"))));
    }
}

package lab.jielong.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lab.jielong.labs.scaling.GridFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distributed path gives the same grid as one process: the tiny 3-point grid run point by point in
 * separate JVMs (concurrently, as pods of an Indexed Job would) and merged, against `scaling run --all` in
 * one process. Wall times, load averages and timestamps may differ; so may losses in their last digits:
 * the Vector API leaves the order of a lane reduction open, and the interpreted and JIT-compiled reductions
 * do sum in different orders (measured: relative differences of 1e-10 between a point run first in a JVM
 * and the same point run after others). Everything else must be identical.
 */
class ScalingCommandTest {

    @TempDir
    Path tmp;

    @Test
    void indexRunsInSeparateProcessesMergeToTheOneProcessGrid() throws Exception {
        Path oneGrid = tmp.resolve("one/grid.json");
        Cli.run(new String[] {"scaling", "run", "--all", "--design", "tiny", "--threads", "2",
                "--out", tmp.resolve("one/records").toString(), "--grid", oneGrid.toString()}, System.out, System.err);

        Path records = tmp.resolve("many/records");
        List<Process> jvms = new ArrayList<>();
        for (String index : new String[] {"0", "1", "2"}) {
            List<String> command =
                    new ArrayList<>(List.of(javaBinary(), "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                            "-cp", System.getProperty("java.class.path"), "lab.jielong.cli.Cli",
                            "scaling", "run", "--design", "tiny", "--threads", "2", "--out", records.toString()));
            ProcessBuilder pb = new ProcessBuilder(command);
            if (index.equals("2")) {
                pb.environment().put("JOB_COMPLETION_INDEX", index);   // as a pod of the Kubernetes Indexed Job
            } else {
                command.addAll(List.of("--index", index));
                pb.command(command);
            }
            jvms.add(
                    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("jvm-" + index + ".log").toFile()).start());
        }
        for (int i = 0; i < jvms.size(); i++) {
            assertTrue(jvms.get(i).waitFor(5, TimeUnit.MINUTES), "JVM " + i + " did not finish");
            assertEquals(0, jvms.get(i).exitValue(), () -> "JVM failed:\n" + log(tmp.resolve("jvm-0.log")));
        }
        Path manyGrid = tmp.resolve("many/grid.json");
        Cli.run(new String[] {"scaling", "merge", "--design", "tiny", "--records", records.toString(),
                "--grid", manyGrid.toString()}, System.out, System.err);

        JsonNode one = withoutTimings(GridFile.json().readTree(oneGrid.toFile()));
        JsonNode many = withoutTimings(GridFile.json().readTree(manyGrid.toFile()));
        assertEquals(3, one.get("points").size());
        assertSame("", one, many);
        assertTrue(GridFile.read(manyGrid).run().complete());

        // and `scaling fit --json` fits it, once per way of counting N
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Cli.run(new String[] {"scaling", "fit", "--json", "--grid", manyGrid.toString(), "--resamples", "20"},
                    System.out, System.err);
        } finally {
            System.setOut(console);
        }
        JsonNode fit = GridFile.json().readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(3, fit.get("fits").size());
        assertFalse(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("NaN"), "no NaN in the JSON");
        for (JsonNode f : fit.get("fits")) {
            for (String variant : new String[] {"free_E", "fixed_E"}) {
                for (String k : new String[] {"E", "A", "B", "alpha", "beta"}) {
                    JsonNode c = f.get(variant).get(k);
                    assertTrue(c.has("value") && c.has("lo") && c.has("hi"), variant + " " + k + " in " + f);
                }
            }
            assertEquals(f.get("loss_floor").asDouble(), f.get("fixed_E").get("E").get("value").asDouble(), 1e-12);
            // three runs cannot make an IsoFLOP profile: approach 2 says so instead of printing NaN
            assertTrue(f.get("approach2").get("a").isNull() && f.get("approach2").get("b").isNull());
            assertTrue(f.get("approach2").get("note").asText()
                    .startsWith("not enough compute budgets with an inner minimum ("));
            assertEquals(3, f.get("points").asInt());
        }
    }

    @Test
    void aStoppedRunResumesFromItsGridFile() throws Exception {
        Path grid = tmp.resolve("grid.json");
        Cli.run(new String[] {"scaling", "run", "--index", "1", "--design", "tiny", "--out",
                tmp.resolve("r").toString()}, System.out, System.err);
        Cli.run(new String[] {"scaling", "merge", "--design", "tiny", "--records", tmp.resolve("r").toString(),
                "--grid", grid.toString()}, System.out, System.err);
        GridFile partial = GridFile.read(grid);
        assertEquals(List.of(0, 2), partial.run().missing());
        Cli.run(new String[] {"scaling", "run", "--all", "--design", "tiny", "--out", tmp.resolve("r").toString(),
                "--grid", grid.toString()}, System.out, System.err);
        GridFile done = GridFile.read(grid);
        assertTrue(done.run().complete());
        assertEquals(partial.points().get(0).timing().started(), done.points().get(1).timing().started(),
                "point 1 was kept, not run again");
    }

    @Test
    void pointsOfAnotherCorpusAreNeverMixedIn() throws Exception {
        Path records = tmp.resolve("r");
        Path grid = tmp.resolve("grid.json");
        Cli.run(new String[] {"scaling", "run", "--index", "1", "--design", "tiny", "--out", records.toString()},
                System.out, System.err);
        Cli.run(new String[] {"scaling", "merge", "--design", "tiny", "--records", records.toString(),
                "--grid", grid.toString()}, System.out, System.err);
        // the same file as if trained on an earlier dictionary
        ObjectNode old = (ObjectNode) GridFile.json().readTree(grid.toFile());
        ((ObjectNode) old.get("corpus")).put("checksum", "an-earlier-corpus");
        ((ObjectNode) old.get("points").get(0)).put("corpus", "an-earlier-corpus");
        Files.writeString(grid, GridFile.write(old));
        Path record = GridFile.recordPath(records, 1);
        ObjectNode oldRecord = (ObjectNode) GridFile.json().readTree(record.toFile());
        Files.writeString(record, GridFile.write(oldRecord.put("corpus", "an-earlier-corpus")));

        String[] all = {"scaling", "run", "--all", "--design", "tiny", "--out", tmp.resolve("r2").toString(), "--grid",
                grid.toString()};
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Cli.run(all, System.out, System.err));
        assertTrue(refused.getMessage().contains("an-earlier-corpus") && refused.getMessage().contains("--replace"),
                refused.getMessage());
        assertEquals("an-earlier-corpus", GridFile.read(grid).corpus().checksum(),
                "the refused file is left as it was");

        IllegalArgumentException merge = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Cli.run(new String[] {"scaling", "merge", "--design", "tiny", "--records", records.toString(),
                        "--grid", tmp.resolve("merged.json").toString()}, System.out, System.err));
        assertTrue(merge.getMessage().contains("cannot be mixed"), merge.getMessage());

        String[] replace = java.util.Arrays.copyOf(all, all.length + 1);
        replace[all.length] = "--replace";
        Cli.run(replace, System.out, System.err);
        GridFile fresh = GridFile.read(grid);
        assertTrue(fresh.run().complete());
        for (var p : fresh.points()) {
            assertEquals(fresh.corpus().checksum(), p.corpus(), "point " + p.index());
        }
    }

    /** Same structure, identical strings, integers and booleans, floating-point numbers within 1e-8 relative. */
    private static void assertSame(String path, JsonNode a, JsonNode b) {
        assertEquals(a.getNodeType(), b.getNodeType(), path);
        if (a.isObject()) {
            assertEquals(iterable(a.fieldNames()), iterable(b.fieldNames()), path);
            a.fieldNames().forEachRemaining(k -> assertSame(path + "." + k, a.get(k), b.get(k)));
        } else if (a.isArray()) {
            assertEquals(a.size(), b.size(), path);
            for (int i = 0; i < a.size(); i++) {
                assertSame(path + "[" + i + "]", a.get(i), b.get(i));
            }
        } else if (a.isFloatingPointNumber() || b.isFloatingPointNumber()) {
            double x = a.asDouble(), y = b.asDouble();
            assertEquals(x, y, 1e-8 * Math.max(1, Math.abs(x)), path);
        } else {
            assertEquals(a, b, path);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static JsonNode withoutTimings(JsonNode grid) {
        ((ObjectNode) grid).remove("run");
        grid.get("points").forEach(p -> ((ObjectNode) p).remove("timing"));
        return grid;
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static String log(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}

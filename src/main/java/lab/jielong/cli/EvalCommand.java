package lab.jielong.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.engine.io.ShippedModels;

/**
 * {@code eval [--json]}: the quality bars, measured on the shipped weights, the decoder and the
 * peeking model side by side (the contrast the playground teaches).
 */
final class EvalCommand {

    private EvalCommand() {
    }

    static void run(String[] args) throws Exception {
        Options o = new Options(args, Set.of("dir"), Set.of("json"));
        long t0 = System.nanoTime();
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = Vocabulary.of(corpus);
        ModelEvaluation eval = new ModelEvaluation(corpus, vocab);
        ShippedModels models = o.has("dir") ? ShippedModels.fromDirectory(java.nio.file.Path.of(o.get("dir", "")))
                : ShippedModels.fromClasspath();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : List.of("decoder", "peeking")) {
            Gpt model = models.model(name);
            Map<String, Object> m = metrics(model, corpus, vocab, eval);
            out.put(name, m);
        }
        @SuppressWarnings("unchecked") Map<String, Object> d = (Map<String, Object>) out.get("decoder");
        @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) out.get("peeking");
        System.out.println();
        System.out.println("quality bars (500 training idioms drawn with java.util.Random(2024); greedy)");
        System.out.printf("%-44s %10s %10s   %s%n", "", "decoder", "peeking", "bar");
        row("free decoding: valid of possible", d, p, "game_valid_of_possible", "decoder >= 99%, peeking ~0%", true);
        row("guided decoding: valid of possible", d, p, "guided_valid_of_possible", "decoder 100%", true);
        row(String.format("next char given 3 (%,d training idioms)", corpus.heldOut().size()), d, p,
                "next_char_given3_top1", "decoder >= 88%", true);
        row("teacher-forced loss", d, p, "teacher_forced_loss", "peeking < 0.1", false);
        row("honest loss (future removed)", d, p, "honest_loss", "peeking > 8", false);
        System.out.printf("examples (decoder): %s%n", d.get("game_examples"));
        System.out.printf("examples (peeking): %s%n", p.get("game_examples"));
        boolean pass = num(d, "game_valid_of_possible") >= 0.99 && num(d, "next_char_given3_top1") >= 0.88
                && num(d, "guided_valid_of_possible") >= 1.0 && num(p, "teacher_forced_loss") < 0.1
                && num(p, "honest_loss") > 8 && num(p, "game_valid_of_possible") < 0.05;
        out.put("all_bars_met", pass);
        out.put("eval_seconds", (System.nanoTime() - t0) / 1e9);
        System.out.printf("all bars met: %s (%.0f s)%n", pass, (System.nanoTime() - t0) / 1e9);
        if (o.flag("json")) {
            System.out.println(Json.write(out, false));
        }
    }

    private static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static void row(String label, Map<String, Object> d, Map<String, Object> p, String key, String bar,
                            boolean percent) {
        String f = percent ? "%9.1f%%" : "%10.3f";
        double s = percent ? 100 : 1;
        System.out.printf("%-44s " + f + " " + f + "   %s%n", label, num(d, key) * s, num(p, key) * s, bar);
    }

    /** Every metric for one model (fractions in 0..1). */
    static Map<String, Object> metrics(Gpt model, IdiomCorpus corpus, Vocabulary vocab, ModelEvaluation eval) {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<Idiom> prompts = eval.gamePrompts();
        ModelEvaluation.Game free = eval.freeGame(model, prompts);
        ModelEvaluation.Game guided = eval.guidedGame(model, prompts);
        m.put("causal", model.config.causal());
        m.put("game_valid_of_possible", free.validOfPossible());
        m.put("game_valid_of_all", free.validOfAll());
        m.put("game_possible", free.possible());
        m.put("guided_valid_of_possible", guided.validOfPossible());
        m.put("next_char_given3_top1", eval.nextCharTop1(model, eval.sampleTraining(corpus.heldOut().size(), 99), 3));
        m.put("next_char_given3_top1_heldout", eval.nextCharTop1(model, corpus.heldOut(), 3));
        m.put("teacher_forced_loss", eval.teacherForcedLoss(model, 2048, 12345));
        m.put("honest_loss", eval.honestLoss(model, 256, 777));
        m.put("game_examples", free.examples());
        m.put("guided_examples", guided.examples());
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return m;
    }
}

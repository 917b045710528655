package lab.jielong.cli;

import lab.jielong.jobs.JobLimits;
import lab.jielong.jobs.TrainingJobs;
import lab.jielong.labs.training.TrainingLabService;
import lab.jielong.labs.training.TrainingLabService.LabEvent;
import lab.jielong.labs.training.TrainingLabService.LabRun;
import lab.jielong.labs.training.TrainingLabService.Plan;
import lab.jielong.labs.training.TrainingLabService.Step;
import lab.jielong.models.ModelService;
import lab.jielong.play.PlayService;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bench} command's training-lab section: the lab's own run (its configuration, both models, on the
 * job service's low-priority thread, as a visitor starts it) measured alone, then the Play page's computer move
 * ({@link MoveBenchmark}) measured without training and while that run trains. Prints and returns
 * {@code training_lab_tokens_per_s} (training steps of both models, per second), {@code play_p95_ms_while_training}
 * (the computer's move with its side panel, p95; goal at most 3× the p95 without training) and the details.
 */
final class TrainingLabBenchSection implements BenchSection {

    @Override
    public String key() {
        return null;
    }

    @Override
    public String name() {
        return "training_lab";
    }

    @Override
    public Map<String, Object> run(BenchContext context) throws Exception {
        System.out.println("\n== training lab: its run alone, and Play's computer move while it trains ==");
        ModelService models = ModelService.load(context.corpus());
        PlayService play = new PlayService(context.corpus(), models);
        TrainingJobs jobs = new TrainingJobs(JobLimits.defaults());
        try {
            TrainingLabService lab = new TrainingLabService(context.corpus(), models, jobs);
            Plan plan = lab.plan(lab.idiomChains());
            System.out.printf("configuration: %s, batch %d x %d, both models, one thread at minimum priority%n",
                    plan.model().describe(), plan.training().batchSize(), plan.model().context());

            // 1. the run alone: the steps after the first 10 (warm-up), timed by the run itself
            int measured = context.quick() ? 30 : 150;
            Run alone = Run.start(lab, "bench-alone");
            alone.awaitSteps(10 + measured);
            alone.stop();
            Throughput solo = alone.throughput(10, 10 + measured);
            System.out.printf("alone: %,.0f tokens/s in training steps (%.1f ms a step), %,.0f tokens/s with the "
                    + "evaluation snapshots, over %d steps (load %.2f)%n", solo.training(), solo.stepMillis(),
                    solo.wall(), solo.steps(), BenchContext.load());

            // 2. Play's computer move without training, then while the lab's run trains
            int turns = context.quick() ? 200 : 1000;
            MoveBenchmark.Result quiet = MoveBenchmark.run(play, turns / 3, turns, 42);
            System.out.printf("Play without training: %s (load %.2f)%n", quiet, BenchContext.load());
            Run busy = Run.start(lab, "bench-busy");
            busy.awaitSteps(1);
            int firstStep = busy.lastStep();
            MoveBenchmark.Result loaded = MoveBenchmark.run(play, turns / 3, turns, 42);
            int lastStep = busy.lastStep();
            boolean throughout = busy.running();
            busy.stop();
            Throughput during = busy.throughput(firstStep, lastStep);
            System.out.printf("Play while the lab trains: %s (load %.2f)%n", loaded, BenchContext.load());
            double ratio = loaded.withPanelP95() / quiet.withPanelP95();
            System.out.printf("computer move with its panel, p95: %.2f ms while training vs %.2f ms without (x%.2f, "
                    + "goal <= 3); the run trained throughout: %s, steps %d..%d at %,.0f tokens/s%n",
                    loaded.withPanelP95(), quiet.withPanelP95(), ratio, throughout ? "yes" : "NO", firstStep, lastStep,
                    during.training());

            Map<String, Object> details = new LinkedHashMap<>();
            details.put("configuration", plan.model().describe());
            details.put("batch", plan.training().batchSize() + "x" + plan.model().context());
            details.put("tokens_per_s", solo.training());
            details.put("tokens_per_s_with_evaluation", solo.wall());
            details.put("step_ms", solo.stepMillis());
            details.put("steps_measured", solo.steps());
            details.put("play_p95_ms_without_training", quiet.withPanelP95());
            details.put("play_p95_ms_while_training", loaded.withPanelP95());
            details.put("play_p95_ratio", ratio);
            details.put("computer_move_p95_ms_without_training", quiet.computerP95());
            details.put("computer_move_p95_ms_while_training", loaded.computerP95());
            details.put("trained_throughout", throughout);
            details.put("tokens_per_s_while_playing", during.training());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("training_lab_tokens_per_s", solo.training());
            out.put("play_p95_ms_while_training", loaded.withPanelP95());
            out.put("training_lab", details);
            return out;
        } finally {
            jobs.close();
        }
    }

    /**
     * @param training tokens of both models per second of training steps
     * @param wall     the same per second of wall time, evaluation snapshots included
     */
    private record Throughput(double training, double wall, double stepMillis, int steps) {
    }

    /** A lab run submitted as a visitor's, with its steps collected. */
    private static final class Run {
        private final List<Step> steps = new CopyOnWriteArrayList<>();
        private TrainingJobs.Handle<LabEvent, LabRun> handle;
        private int tokensPerStep;

        static Run start(TrainingLabService lab, String owner) {
            Run run = new Run();
            run.tokensPerStep = lab.plan(lab.idiomChains()).tokensPerStep();
            run.handle = lab.start(owner, lab.idiomChains(), new TrainingJobs.Listener<>() {
                @Override
                public void event(LabEvent event) {
                    if (event instanceof Step s) {
                        run.steps.add(s);
                    }
                }

                @Override
                public void ended(TrainingJobs.End<LabRun> end) {
                    end.failure().ifPresent(f -> System.out.println("the lab's run failed: " + f));
                }
            }).handle().orElseThrow(() -> new IllegalStateException("the job service refused the bench's run"));
            return run;
        }

        void awaitSteps(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (steps.size() < n && running() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (steps.size() < n) {
                throw new IllegalStateException("the lab's run took " + steps.size() + " of " + n + " steps");
            }
        }

        int lastStep() {
            return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
        }

        boolean running() {
            return !handle.state().ended();
        }

        void stop() throws InterruptedException {
            handle.stop();
            handle.await(Duration.ofMinutes(1));
        }

        /** Over steps (from, to]. */
        Throughput throughput(int from, int to) {
            List<Step> window = steps.stream().filter(s -> s.step() > from && s.step() <= to).toList();
            if (window.isEmpty()) {
                return new Throughput(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double ms = window.stream().mapToDouble(Step::stepMillis).sum();
            double wall = window.get(window.size() - 1).elapsedSeconds()
                    - (window.get(0).elapsedSeconds() - window.get(0).stepMillis() / 1e3);
            long tokens = (long) window.size() * tokensPerStep;
            return new Throughput(tokens / (ms / 1e3), tokens / wall, ms / window.size(), window.size());
        }
    }
}

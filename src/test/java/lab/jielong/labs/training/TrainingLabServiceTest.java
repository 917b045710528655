package lab.jielong.labs.training;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Tier;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.jobs.JobLimits;
import lab.jielong.jobs.TrainingJobs;
import lab.jielong.labs.training.TrainingLabService.CheckedText;
import lab.jielong.labs.training.TrainingLabService.LabEvent;
import lab.jielong.labs.training.TrainingLabService.LabRun;
import lab.jielong.labs.training.TrainingLabService.Plan;
import lab.jielong.labs.training.TrainingLabService.Snapshot;
import lab.jielong.labs.training.TrainingLabService.Step;
import lab.jielong.labs.training.TrainingLabService.TrainingData;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The lab's runs without a page: the plan, short real runs on idiom chains and on a text, the checks of pasted text. */
public class TrainingLabServiceTest {

    /** A passage long enough to train on: 将进酒 (李白), in simplified characters, punctuation included. */
    public static final String POEM = """
            君不见，黄河之水天上来，奔流到海不复回。君不见，高堂明镜悲白发，朝如青丝暮成雪。
            人生得意须尽欢，莫使金樽空对月。天生我材必有用，千金散尽还复来。烹羊宰牛且为乐，会须一饮三百杯。
            岑夫子，丹丘生，将进酒，杯莫停。与君歌一曲，请君为我倾耳听。""";

    private static IdiomCorpus corpus;
    private static ModelService models;
    private TrainingJobs jobs;
    private TrainingLabService service;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
        models = ModelService.load(corpus);
    }

    @AfterEach
    void close() {
        if (jobs != null) {
            jobs.close();
        }
    }

    private TrainingLabService service(int maxSteps) {
        jobs = new TrainingJobs(new JobLimits(1, 2, maxSteps, Duration.ofMinutes(5)));
        service = new TrainingLabService(corpus, models, jobs);
        return service;
    }

    /** Runs a whole job and returns its events and its end. */
    private record Ran(List<LabEvent> events, TrainingJobs.End<LabRun> end) {
        List<Step> steps() {
            return events.stream().filter(Step.class::isInstance).map(Step.class::cast).toList();
        }

        List<Snapshot> snapshots() {
            return events.stream().filter(Snapshot.class::isInstance).map(Snapshot.class::cast).toList();
        }
    }

    private Ran run(Object owner, TrainingData data) throws InterruptedException {
        List<LabEvent> events = new CopyOnWriteArrayList<>();
        TrainingJobs.Submission<LabEvent, LabRun> s = service.start(owner, data, new TrainingJobs.Listener<>() {
            @Override
            public void event(LabEvent event) {
                events.add(event);
            }

            @Override
            public void ended(TrainingJobs.End<LabRun> end) {
            }
        });
        TrainingJobs.End<LabRun> end = s.handle().orElseThrow().await(Duration.ofMinutes(2)).orElseThrow();
        return new Ran(events, end);
    }

    @Test
    void thePlanIsTheMeasuredSmallConfigurationWithinTheStepCap() {
        Plan plan = service(2_000).plan(service.idiomChains());
        assertThat(plan.model().dModel()).isEqualTo(64);
        assertThat(plan.model().nLayer()).isEqualTo(2);
        assertThat(plan.model().causal()).isTrue();
        assertThat(plan.model().vocabSize()).isEqualTo(models.shipped().vocabulary().size());
        assertThat(plan.steps()).isEqualTo(TrainingLabService.STEPS);
        assertThat(plan.training().threads()).as("one trainer thread").isEqualTo(1);
        assertThat(plan.tokensPerStep()).isEqualTo(2 * 16 * 32);
        assertThat(service.idiomChains().pool()).allMatch(i -> i.tier() == Tier.CORE && !i.heldOut())
                .hasSize((int) corpus.idioms().stream().filter(i -> i.tier() == Tier.CORE && !i.heldOut()).count());
        assertThat(service.idiomChains().prompts()).hasSize(3).allMatch(p -> service.idiomChains().pool().stream()
                .anyMatch(i -> i.word().equals(p)));

        assertThat(service(30).plan(service.idiomChains()).steps()).as("the job service's cap wins").isEqualTo(30);
    }

    @Test
    void aShortRunOnIdiomChainsStreamsBothLossesAndEndsWithPlayableModels() throws Exception {
        service(6);
        Ran ran = run("alice", service.idiomChains());
        assertThat(ran.end().state()).isEqualTo(TrainingJobs.State.COMPLETED);
        LabRun result = ran.end().result().orElseThrow();
        assertThat(result.steps()).isEqualTo(6);
        assertThat(result.decoder().config.causal()).isTrue();
        assertThat(result.peeking().config.causal()).isFalse();

        List<Step> steps = ran.steps();
        assertThat(steps).extracting(Step::step).containsExactly(1, 2, 3, 4, 5, 6);
        double uniform = Math.log(models.shipped().vocabulary().size());
        // the same initial weights and the same first batch: both start near the uniform loss, ln V
        assertThat(steps.get(0).decoderLoss()).isCloseTo(uniform, within(0.2));
        assertThat(steps.get(0).peekingLoss()).isCloseTo(uniform, within(0.2));
        assertThat(steps.get(5).decoderLoss()).as("it learns").isLessThan(steps.get(0).decoderLoss());
        assertThat(steps).allMatch(s -> s.tokensPerSecond() > 0 && s.steps() == 6);

        List<Snapshot> snapshots = ran.snapshots();
        assertThat(snapshots).extracting(Snapshot::step).containsExactly(0, 6);
        Snapshot last = snapshots.get(1);
        assertThat(last.answers()).hasSize(service.idiomChains().prompts().size());
        assertThat(last.answers()).allMatch(a -> a.expected().isEmpty());
        assertThat(List.of(last.decoderLoss(), last.peekingLoss(), last.peekingHonestLoss()))
                .allMatch(Double::isFinite);

        // the same seed: the same run again, loss for loss (to float rounding: the JIT may order sums differently)
        Ran again = run("alice", service.idiomChains());
        for (int i = 0; i < steps.size(); i++) {
            assertThat(again.steps().get(i).decoderLoss()).isCloseTo(steps.get(i).decoderLoss(), within(1e-6));
            assertThat(again.steps().get(i).peekingLoss()).isCloseTo(steps.get(i).peekingLoss(), within(1e-6));
        }

        assertThat(service.playable(result)).isTrue();
        Models own = service.asModels(result);
        assertThat(own.shipped()).isFalse();
        assertThat(own.decoder()).isSameAs(result.decoder());
        assertThat(own.peeking()).isSameAs(result.peeking());
        assertThat(own.source()).contains("6 steps");
    }

    @Test
    void aRunOnPastedTextUsesTheTextsCharactersAndStaysInTheLab() throws Exception {
        service(3);
        CheckedText checked = service.checkText(POEM);
        assertThat(checked.problemKey()).isEmpty();
        TrainingData.OwnText text = checked.data().orElseThrow();
        assertThat(text.text()).doesNotContain("，").doesNotContain("。").doesNotContain("\n").startsWith("君不见黄河之水");
        long distinct = text.text().chars().distinct().count();
        assertThat(text.vocabulary().size()).isEqualTo(Vocabulary.SPECIALS + (int) distinct);
        assertThat(text.prompts()).hasSize(3).allMatch(p -> text.text().contains(p));

        Ran ran = run("bob", text);
        LabRun result = ran.end().result().orElseThrow();
        assertThat(result.decoder().config.vocabSize()).isEqualTo(text.vocabulary().size());
        Snapshot last = ran.snapshots().get(ran.snapshots().size() - 1);
        assertThat(last.answers()).allMatch(a -> a.expected().isPresent() && a.expected().get().length() == 10);
        assertThat(service.playable(result)).isFalse();
        assertThatThrownBy(() -> service.asModels(result)).hasMessageContaining("own vocabulary");

        TrainingLabService.Writing writing = service.write(result, "天生我材");
        assertThat(writing.problemKey()).isEmpty();
        assertThat(writing.prompt()).isEqualTo("天生我材");
        assertThat(service.write(result, "hello").problemKey()).contains("input.NOT_CHINESE");
    }

    @Test
    void pastedTextIsCheckedWithClearReasons() {
        service(3);
        assertThat(service.checkText("").problemKey()).contains("input.EMPTY");
        assertThat(service.checkText("<script>alert(1)</script>").problemKey()).contains("input.MARKUP");
        assertThat(service.checkText("床前明月光 moonlight").problemKey()).contains("input.NOT_CHINESE");
        CheckedText tooShort = service.checkText("床前明月光，疑是地上霜。");
        assertThat(tooShort.problemKey()).contains("training.text.short");
        assertThat(tooShort.messageArgs()).containsExactly(10);
        assertThat(service.checkText("天".repeat(TrainingLabService.MAX_TEXT + 1)).problemKey())
                .contains("input.TOO_LONG");
        assertThat(service.checkText("天".repeat(TrainingLabService.MAX_RAW + 1)).problemKey())
                .contains("input.TOO_LONG");
        CheckedText traditional = service.checkText(POEM.replace("发", "髮").replace("黄", "黃"));
        assertThat(traditional.data()).hasValueSatisfying(t -> {
            assertThat(t.converted()).isTrue();
            assertThat(t.text()).contains("黄河");
        });
    }
}

package lab.jielong;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules the layout promises (README, "How it is put together"): the engine, the corpus
 * and the game rules are plain Java; features depend on them, never the other way; a view is reached
 * only through its own feature; nothing forms a cycle.
 */
@AnalyzeClasses(packages = "lab.jielong", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] PLAIN_JAVA = {"lab.jielong.engine..", "lab.jielong.corpus..", "lab.jielong.game.."};

    @ArchTest
    static final ArchRule engine_corpus_and_game_use_no_framework = noClasses()
            .that().resideInAnyPackage(PLAIN_JAVA)
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.vaadin..", "jakarta.servlet..")
            .because("the engine, corpus and game rules are plain Java, usable from the command line and tests");

    @ArchTest
    static final ArchRule plain_java_depends_on_no_feature = classes()
            .that().resideInAnyPackage(PLAIN_JAVA)
            .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                    "lab.jielong.base..", "lab.jielong.cli..", "lab.jielong.play..", "lab.jielong.guess..",
                    "lab.jielong.labs..", "lab.jielong.classroom..", "lab.jielong.models..", "lab.jielong.embed..",
                    "lab.jielong.api..");

    @ArchTest
    static final ArchRule top_level_packages_are_free_of_cycles =
            slices().matching("lab.jielong.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule engine_packages_are_free_of_cycles =
            slices().matching("lab.jielong.engine.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule labs_are_free_of_cycles =
            slices().matching("lab.jielong.labs.(*)..").should().beFreeOfCycles().allowEmptyShould(true);

    @ArchTest
    static final ArchRule base_imports_no_feature = noClasses()
            .that().resideInAPackage("lab.jielong.base..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "lab.jielong.play..", "lab.jielong.guess..", "lab.jielong.labs..", "lab.jielong.classroom..",
                    "lab.jielong.cli..", "lab.jielong.embed..", "lab.jielong.api..");

    /** A feature's views belong to it: other code reaches the feature through its service. */
    @ArchTest
    static final ArchRule views_are_reached_only_from_their_own_feature = classes()
            .that().resideInAPackage("..ui..").and().resideOutsideOfPackage("lab.jielong.base..")
            .should(onlyBeReachedFromTheirOwnFeature());

    /** For a class in {@code X.ui}: every class that depends on it lives in {@code X} or below. */
    private static ArchCondition<JavaClass> onlyBeReachedFromTheirOwnFeature() {
        return new ArchCondition<>("be reached only from their own feature") {
            @Override
            public void check(JavaClass view, ConditionEvents events) {
                String pkg = view.getPackageName();
                String feature = pkg.substring(0, pkg.lastIndexOf(".ui"));
                for (Dependency d : view.getDirectDependenciesToSelf()) {
                    String from = d.getOriginClass().getPackageName();
                    if (!(from.equals(feature) || from.startsWith(feature + "."))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}

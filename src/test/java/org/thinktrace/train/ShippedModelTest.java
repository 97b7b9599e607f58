package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.Architecture;
import org.thinktrace.model.RuntimeSettings;

/**
 * The bundled model, loaded through the same path as any downloaded checkpoint, meets the floors of
 * the teacher edition it was trained by, except those it is known to miss, where it must keep its measured level
 * ({@link #KNOWN_SHORTFALLS}, {@link #KNOWN_REFUSALS}), at greedy decoding, on a small sample
 * ({@link #sample(TeacherEdition)}). Which checks apply is read from the model's own
 * {@code config.json}: a first-edition model (no edition recorded) is checked on 100 held-out
 * problems exactly as before; a second-edition model also on held-out phrasings, follow-up turns and
 * out-of-scope questions. The problems are decoded together ({@link Evaluator#evaluateTogether}), a
 * third of the time of one after another for this small model. Skips while {@code models/thinktrace-r1-tiny} has not been
 * trained into the project.
 */
class ShippedModelTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");
    /** Problems decoded together: the whole sample of a first-edition model in one batch. */
    private static final int TOGETHER = 100;

    /**
     * The build's sample for a model of {@code edition}: 10 held-out problems per family (seed 1);
     * for the second edition also 5 per family in held-out phrasings, 25 follow-up conversations and
     * 20 out-of-scope questions.
     */
    static EvaluationSuite sample(TeacherEdition edition) {
        return Teacher.of(edition).evaluationSuite(10, 1);
    }

    @Test
    void shippedModelMeetsTheFloorsOfItsTeacherEditionAndKeepsItsLevelWhereItFallsShort() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no trained model in " + MODEL.toAbsolutePath());
        EvaluationSuite suite = sample(TeacherEdition.ofModel(MODEL));
        try (LoadedModel model = ModelSource.at(MODEL).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                RuntimeSettings.defaults()), LoadProgress.NONE)) {
            assertEquals(Architecture.QWEN2, model.config().architecture());
            List<Evaluator.Question> questions = new ArrayList<>();
            for (EvaluationPart part : EvaluationPart.values()) {
                for (Problem problem : suite.part(part)) {
                    questions.add(new Evaluator.Question(part, problem, SamplingSettings.greedy()));
                }
            }
            EvaluationReport report = new EvaluationReport("greedy", Evaluator.evaluateTogether(model.generator(),
                    model.config().maxPositionEmbeddings(), questions, TOGETHER));
            assertEquals(suite.size(), report.outcomes().size());
            List<String> missed = report.missedFloors().stream().filter(m -> !isKnownShortfall(m)).toList();
            assertTrue(missed.isEmpty(), () -> missed + "\n" + report.table());
            for (KnownShortfall known : KNOWN_SHORTFALLS) {
                assertTrue(known.measure().applyAsDouble(report) >= known.level(), () -> known.name()
                        + " fell below the shipped model's level of " + known.level() + "\n" + report.table());
            }
            assertTrue(report.refusedInScope() <= KNOWN_REFUSALS,
                    () -> report.refusedInScope() + " in-scope questions refused\n" + report.table());
        }
    }

    /** A floor the shipped model is known to miss: the figure's name as the floors name it, and its least level here. */
    private record KnownShortfall(String name, ToDoubleFunction<EvaluationReport> measure, double level) {
    }

    /**
     * The floors the shipped model misses on this sample (docs/training.md, "The bundled model"), each with the least
     * accuracy this sample may show: below it, the shipped model got worse. Out-of-scope questions: 95 % of the full
     * greedy evaluation's 40 (the floor), 18 of this sample's 20 (it answers "what is log base 2 of 1024?" and "Solve
     * x^2 - 5x + 6 = 0" as arithmetic). Every other floor is checked as it stands (held-out problems 100 %, held-out
     * phrasings 96 % and follow-ups 96 % on this sample).
     */
    private static final List<KnownShortfall> KNOWN_SHORTFALLS = List.of(
            new KnownShortfall("out-of-scope questions recognised", r -> r.accuracy(EvaluationPart.OUT_OF_SCOPE), 0.9));

    /**
     * The most in-scope refusals this sample may show: the shipped model refuses none of the full evaluation's 700
     * in-scope questions (the floor), none of this sample's 175.
     */
    private static final int KNOWN_REFUSALS = 0;

    private static boolean isKnownShortfall(String missedFloor) {
        return KNOWN_SHORTFALLS.stream().anyMatch(known -> missedFloor.startsWith(known.name() + " at"))
                || missedFloor.endsWith("in-scope questions refused, floor 0");
    }

    /**
     * A model of an edition that trains the times table ({@link TeacherEdition#asksTheTimesTable}) answers it: every
     * product from 2 × 2 to 9 × 9 in three phrasings ({@link TimesTable}), 64 decoded together, at least
     * {@value #TIMES_TABLE_FLOOR} of 192 (the bundled model answered all 192 when it was chosen; two are left for
     * products that round differently decoded together).
     */
    @Test
    void shippedModelKnowsTheTimesTable() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no trained model in " + MODEL.toAbsolutePath());
        assumeTrue(TeacherEdition.ofModel(MODEL).asksTheTimesTable(), "the bundled model's edition never asked it");
        try (LoadedModel model = ModelSource.at(MODEL).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                RuntimeSettings.defaults()), LoadProgress.NONE)) {
            List<Evaluator.Outcome> outcomes = Evaluator.evaluateTogether(model.generator(),
                    model.config().maxPositionEmbeddings(), TimesTable.questions(), 64);
            List<String> missed = outcomes.stream().filter(o -> !o.correct())
                    .map(o -> o.problem().question() + " -> " + o.answer().strip()).toList();
            assertEquals(192, outcomes.size());
            assertTrue(outcomes.size() - missed.size() >= TIMES_TABLE_FLOOR, () -> String.join("\n", missed));
        }
    }

    /** Products of the times table the bundled model must answer of 192. */
    private static final int TIMES_TABLE_FLOOR = 190;

    @Test
    void aFirstEditionModelIsCheckedOnHeldOutProblemsOnlyAndASecondEditionModelOnEveryPart() {
        EvaluationSuite first = sample(TeacherEdition.FIRST);
        assertEquals(100, first.problems().size());
        assertEquals(100, first.size(), "no held-out phrasings, follow-ups or out-of-scope questions");
        EvaluationSuite second = sample(TeacherEdition.SECOND);
        assertEquals(100, second.problems().size());
        assertEquals(50, second.heldOutPhrasings().size());
        assertEquals(25, second.followUps().size());
        assertEquals(20, second.outOfScope().size());
    }
}

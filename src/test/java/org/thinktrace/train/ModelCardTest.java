package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    private static EvaluationReport report(boolean correct) {
        Problem p = Teacher.of(TeacherEdition.SECOND).evaluationSet(1, 1).get(0);
        return new EvaluationReport("greedy", List.of(new Evaluator.Outcome(EvaluationPart.PROBLEMS, p, correct, true, false, 42, 5, 300, "t", "a", new int[0])));
    }

    @Test
    void cardStatesSizeDataAndRecipeAndItsEvaluationSectionIsReplacedNotAppended(@TempDir Path dir) throws IOException {
        TrainingRecipe recipe = TrainingRecipe.firstEdition();
        ModelCard.write(dir, new ModelCard.Facts(recipe, recipe.modelConfig(1018), 1_116_288, 1018, 199_000, 32_000_000,
                0.0421, 55.5, "CPU · 2 threads · FP32"));
        String card = Files.readString(dir.resolve("README.md"));
        assertTrue(card.contains("Parameters: 1,116,288; 4 layers, width 128, 8 query heads sharing 4 key/value heads, MLP width 512"), card);
        assertTrue(card.contains("batches of up to 2,048 tokens (each split among 2 single-core workers)"), card);
        assertTrue(card.contains("200,000 synthetic problems (199,000 conversations, 32,000,000 tokens)"), card);
        assertTrue(card.contains("Final loss 0.0421; 55.5 minutes on CPU · 2 threads · FP32"), card);
        assertTrue(card.contains("thinktrace train --out DIR --recipe first-edition\n"), card);
        assertTrue(card.contains("from the first edition of the") && card.contains("single-turn questions, 768 tokens"), card);
        assertTrue(!card.contains(TeacherEdition.CONFIG_KEY), card);
        for (Teacher.FamilyShare share : Teacher.of(TeacherEdition.FIRST).shares()) {
            assertTrue(card.contains(share.family().name() + " " + share.share()), "share of " + share.family().name());
        }

        ModelCard.updateEvaluation(dir, List.of(report(false)));
        ModelCard.updateEvaluation(dir, List.of(report(true)));
        String updated = Files.readString(dir.resolve("README.md"));
        assertTrue(updated.contains(report(true).table()), updated);
        assertTrue(!updated.contains("| 0.0% |") && !updated.contains("Not evaluated yet"), updated);
        assertEquals(1, updated.split(ModelCard.EVALUATION_START, -1).length - 1);
        assertTrue(updated.indexOf("## Evaluation") < updated.indexOf("## Limits"), "section stays in place");
    }

    @Test
    void aSecondEditionCardNamesItsTeacherConversationsAndRefusals(@TempDir Path dir) throws IOException {
        String card = card(dir, TrainingRecipe.secondEdition());
        assertTrue(card.contains("from the second edition of the"), card);
        assertTrue(card.contains("`\"thinktrace_teacher_edition\": 2`"), card);
        assertTrue(card.contains("20% of the examples are the second or third turn"), card);
        assertTrue(card.contains("Context: 1024 tokens") && card.contains("three turns were trained; 1024 tokens"), card);
        assertTrue(card.contains("out-of-scope 2"), card);
        assertTrue(card.contains("thinktrace train --out DIR --recipe second-edition\n"), card);
        assertFalse(card.contains("Training questions are varied further"), card);
    }

    @Test
    void aThirdEditionCardNamesItsTeacherAndTheSurfaceVariation(@TempDir Path dir) throws IOException {
        String card = card(dir, TrainingRecipe.thirdEdition());
        assertTrue(card.contains("from the third edition of the"), card);
        assertTrue(card.contains("`\"thinktrace_teacher_edition\": 3`"), card);
        assertTrue(card.contains("Training questions are varied further"), card);
        assertFalse(card.contains("composed from parts"), card);
        assertTrue(card.contains("weekday 4") && card.contains("out-of-scope 3"), card);
        assertTrue(card.contains("thinktrace train --out DIR --recipe third-edition\n"), card);
    }

    @Test
    void aFourthEditionCardNamesItsTeacherAndTheComposedQuestions(@TempDir Path dir) throws IOException {
        String card = card(dir, TrainingRecipe.fourthEdition());
        assertTrue(card.contains("from the fourth edition of the"), card);
        assertTrue(card.contains("`\"thinktrace_teacher_edition\": 4`"), card);
        assertTrue(card.contains("Training questions are varied further") && card.contains("composed from parts"), card);
        assertTrue(card.contains("letter-count 11") && card.contains("primality 4"), card);
        assertTrue(card.contains("thinktrace train --out DIR --recipe fourth-edition\n"), card);
    }

    @Test
    void theCardListsPromptsAnsweredCorrectlyInEveryMode(@TempDir Path dir) throws IOException {
        List<Problem> problems = Teacher.of(TeacherEdition.SECOND).evaluationSet(2, 1);
        Problem followUp = Teacher.of(TeacherEdition.SECOND).followUpSet(1, 1).get(0);
        List<Evaluator.Outcome> greedy = new java.util.ArrayList<>();
        List<Evaluator.Outcome> sampled = new java.util.ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            greedy.add(new Evaluator.Outcome(EvaluationPart.PROBLEMS, problems.get(i), true, true, false, 1, 1, 1, "t", "a", new int[0]));
            // the first problem of each family is wrong when sampled, so the second is the example
            sampled.add(new Evaluator.Outcome(EvaluationPart.PROBLEMS, problems.get(i), i % 2 == 1, true, false, 1, 1, 1, "t", "a", new int[0]));
        }
        greedy.add(new Evaluator.Outcome(EvaluationPart.FOLLOW_UPS, followUp, true, true, false, 1, 1, 1, "t", "a", new int[0]));
        sampled.add(new Evaluator.Outcome(EvaluationPart.FOLLOW_UPS, followUp, true, true, false, 1, 1, 1, "t", "a", new int[0]));
        ModelCard.updateEvaluation(dir, List.of(new EvaluationReport("greedy", greedy), new EvaluationReport("sampled", sampled)));
        String card = Files.readString(dir.resolve("README.md"));
        assertTrue(card.contains("- addition: `" + problems.get(1).question().replace("\n", " / ") + "`\n"), card);
        assertTrue(!card.contains("`" + problems.get(0).question() + "`"), card);
        assertTrue(card.contains("- follow-up turns: `" + followUp.context().get(0).question().replace("\n", " / ") + "` → `"), card);
    }

    @Test
    void reproduceLineNamesTheRecipeAndChangedStepsAndSeed() {
        assertEquals("", TrainingRecipe.shipped().trainArguments());
        assertEquals(" --recipe first-edition", TrainingRecipe.firstEdition().trainArguments());
        assertEquals(" --steps 50", TrainingRecipe.shipped().withSteps(50).trainArguments());
        assertEquals(" --recipe smoke", TrainingRecipe.smoke().trainArguments());
        assertEquals(" --recipe smoke --steps 4", TrainingRecipe.smoke().withSteps(4).trainArguments());
        long ownSeed = TrainingRecipe.smoke().settings().seed();
        assertEquals(" --recipe smoke", TrainingRecipe.smoke().withSeed(ownSeed).trainArguments());
        assertEquals(" --recipe smoke --steps 4 --seed " + (ownSeed + 2),
                TrainingRecipe.smoke().withSteps(4).withSeed(ownSeed + 2).trainArguments());
    }

    @Test
    void aFolderWithoutCardGetsOneWithTheEvaluation(@TempDir Path dir) throws IOException {
        ModelCard.updateEvaluation(dir, List.of(report(true)));
        assertTrue(Files.readString(dir.resolve("README.md")).startsWith("## Evaluation\n\n" + ModelCard.EVALUATION_START));
    }

    /** The card of a made-up run of {@code recipe}, written into {@code dir}. */
    private static String card(Path dir, TrainingRecipe recipe) throws IOException {
        ModelCard.write(dir, new ModelCard.Facts(recipe, recipe.modelConfig(1018), 1_116_288, 1018, 199_000, 36_000_000,
                0.0421, 59.5, "CPU · 2 threads · FP32"));
        return Files.readString(dir.resolve("README.md"));
    }
}

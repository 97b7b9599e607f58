package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    private static EvaluationReport report(boolean correct) {
        Problem p = Teacher.standard().evaluationSet(1, 1).get(0);
        return new EvaluationReport("greedy", List.of(new Evaluator.Outcome(p, correct, true, 42, 5, 300, "t", "a")));
    }

    @Test
    void cardStatesSizeDataAndRecipeAndItsEvaluationSectionIsReplacedNotAppended(@TempDir Path dir) throws IOException {
        TrainingRecipe recipe = TrainingRecipe.shipped();
        ModelCard.write(dir, new ModelCard.Facts(recipe, recipe.modelConfig(1018), 1_116_288, 1018, 199_000, 32_000_000,
                0.0421, 55.5, "CPU · 2 threads · FP32"));
        String card = Files.readString(dir.resolve("README.md"));
        assertTrue(card.contains("Parameters: 1,116,288; 4 layers, width 128, 8 query heads sharing 4 key/value heads, MLP width 512"), card);
        assertTrue(card.contains("batches of up to 2,048 tokens (each split among 2 single-core workers)"), card);
        assertTrue(card.contains("200,000 synthetic problems (199,000 conversations, 32,000,000 tokens)"), card);
        assertTrue(card.contains("Final loss 0.0421; 55.5 minutes on CPU · 2 threads · FP32"), card);
        assertTrue(card.contains("thinktrace train --out DIR\n"), card);
        for (Teacher.FamilyShare share : Teacher.standard().shares()) {
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
    void reproduceLineNamesTheRecipeAndChangedSteps() {
        assertEquals("", TrainingRecipe.shipped().trainArguments());
        assertEquals(" --steps 50", TrainingRecipe.shipped().withSteps(50).trainArguments());
        assertEquals(" --recipe smoke", TrainingRecipe.smoke().trainArguments());
        assertEquals(" --recipe smoke --steps 4", TrainingRecipe.smoke().withSteps(4).trainArguments());
    }

    @Test
    void aFolderWithoutCardGetsOneWithTheEvaluation(@TempDir Path dir) throws IOException {
        ModelCard.updateEvaluation(dir, List.of(report(true)));
        assertTrue(Files.readString(dir.resolve("README.md")).startsWith("## Evaluation\n\n" + ModelCard.EVALUATION_START));
    }
}

package org.thinktrace.train;

import org.thinktrace.model.ModelConfig;

/**
 * Everything that fixes what {@code thinktrace train} produces besides the code: how many teacher
 * problems, the tokenizer size, the model shape and the optimisation settings.
 *
 * @param name          shown in progress output
 * @param problems      teacher training problems (the corpus of both tokenizer and model)
 * @param dataSeed      seed of the teacher
 * @param vocabSize     tokenizer vocabulary, added tokens included (also the model's vocab_size)
 * @param smokeShape    true for {@link TrainingModels#smoke}, false for {@link TrainingModels#shipped}
 * @param initStd       standard deviation of the random initial weights
 * @param settings      optimisation settings
 */
public record TrainingRecipe(String name, int problems, long dataSeed, int vocabSize, boolean smokeShape,
                             float initStd, TrainingSettings settings) {

    /** The recipe of the bundled model {@code thinktrace-r1-tiny}. */
    public static TrainingRecipe shipped() {
        return new TrainingRecipe("thinktrace-r1-tiny", 200_000, 20_251_128L, TokenizerTrainer.DEFAULT_VOCAB_SIZE,
                false, 0.02f, new TrainingSettings(20_500, 2048, 1e-3, 5e-5, 100, 0.1f, 1.0f, 1L, 500, 2));
    }

    /** A seconds-long run of the whole pipeline on a toy model, to check an installation. */
    public static TrainingRecipe smoke() {
        return new TrainingRecipe("smoke", 300, 7L, 384, true, 0.02f,
                new TrainingSettings(30, 2048, 3e-3, 3e-4, 3, 0.0f, 1.0f, 1L, 10, 1));
    }

    /** The model shape for a tokenizer whose BPE part has {@code bpeVocabSize} tokens. */
    public ModelConfig modelConfig(int bpeVocabSize) {
        return smokeShape ? TrainingModels.smoke(vocabSize, bpeVocabSize) : TrainingModels.shipped(vocabSize, bpeVocabSize);
    }

    /** The {@code thinktrace train} arguments after {@code --out DIR} that reproduce this recipe. */
    public String trainArguments() {
        TrainingRecipe base = smokeShape ? smoke() : shipped();
        String arguments = smokeShape ? " --recipe smoke" : "";
        return settings.steps() == base.settings().steps() ? arguments : arguments + " --steps " + settings.steps();
    }

    /** The same recipe with another step count. */
    public TrainingRecipe withSteps(int steps) {
        return new TrainingRecipe(name, problems, dataSeed, vocabSize, smokeShape, initStd, settings.withSteps(steps));
    }
}

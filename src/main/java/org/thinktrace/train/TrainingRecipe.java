package org.thinktrace.train;

import java.util.List;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.RuntimeSettings.MklDispatch;

/**
 * Everything that fixes what {@code thinktrace train} produces besides the code: which teacher and
 * how many of its problems, the tokenizer size, the model shape and context, and the optimisation
 * settings.
 *
 * @param name          shown in progress output and the model card's title
 * @param id            the {@code --recipe} value that selects it
 * @param teacher       the teacher edition that writes the corpus
 * @param problems      teacher training examples (the corpus of both tokenizer and model)
 * @param dataSeed      seed of the teacher
 * @param vocabSize     tokenizer vocabulary, added tokens included (also the model's vocab_size)
 * @param smokeShape    true for {@link TrainingModels#smoke}, false for {@link TrainingModels#shipped}
 * @param context       the model's context in tokens; longer training conversations are left out
 * @param initStd       standard deviation of the random initial weights
 * @param settings      optimisation settings
 * @param mklDispatch   how PyTorch's oneMKL picks its kernels while training: {@link MklDispatch#MKL_DEFAULT}
 *                      for the recipes whose models are reproduced bit for bit, {@link MklDispatch#CPU_FEATURES}
 *                      (8-16 % faster on AMD processors, not bit-identical) for the fourth to twenty-fourth editions'
 * @param averagedTail  the fraction of the steps, at the end of the run, whose weights are averaged uniformly into the
 *                      exported model ({@link WeightAverages}; 0.1: the average of the weights after each of the last
 *                      tenth of the steps); 0 exports the last step's weights
 */
public record TrainingRecipe(String name, String id, TeacherEdition teacher, int problems, long dataSeed, int vocabSize,
                             boolean smokeShape, int context, float initStd, TrainingSettings settings,
                             MklDispatch mklDispatch, float averagedTail) {

    public TrainingRecipe {
        if (!(averagedTail >= 0 && averagedTail < 1)) {
            throw new IllegalArgumentException("a recipe averages a fraction of its steps from 0 to below 1, got "
                    + averagedTail);
        }
    }

    /** A recipe that exports the last step's weights. */
    public TrainingRecipe(String name, String id, TeacherEdition teacher, int problems, long dataSeed, int vocabSize,
                          boolean smokeShape, int context, float initStd, TrainingSettings settings,
                          MklDispatch mklDispatch) {
        this(name, id, teacher, problems, dataSeed, vocabSize, smokeShape, context, initStd, settings, mklDispatch, 0f);
    }

    /**
     * The step from which the exported model's weights are averaged: {@code steps - round(steps × averagedTail)} (22,500
     * of 25,000 steps for a tenth), or 0 when the recipe exports the last step's weights.
     */
    public int exportedAverageFrom() {
        return averagedTail == 0 ? 0 : Math.max(1, settings.steps() - Math.round(settings.steps() * averagedTail));
    }

    /**
     * The default recipe, the bundled model's: the forty-second-edition recipe ({@link #fortySecondEdition()}, exporting
     * the average of its last tenth, its own seed 1) under the id {@code shipped}, 25,000 steps, about 50 minutes on 2
     * idle AMD EPYC cores (docs/training.md, "The bundled model").
     */
    public static TrainingRecipe shipped() {
        return averagingTheLastTenth("shipped", TeacherEdition.FORTY_SECOND);
    }

    /**
     * The fourth-edition recipe: the fourth teacher's corpus (the third edition's, with letter counts traced
     * one local decision per letter, training questions also composed from parts, a re-check that
     * restates the earlier answer first, shorter refusals; see {@link TeacherEdition#FOURTH}), a context
     * of {@value TrainingModels#SECOND_EDITION_CONTEXT} tokens so that three turns fit, one pass per
     * step on both cores with oneMKL's CPU-feature kernels, and as many steps as fit about an hour on
     * 2 cores (docs/training.md, "The recipe"): kept so that its model (below the floors) can be reproduced and
     * compared.
     */
    public static TrainingRecipe fourthEdition() {
        return conversational("fourth-edition", TeacherEdition.FOURTH, 13_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The fifth-edition recipe (the fourth edition's questions with traces that put each decision beside
     * what it decides on, shares moved to the families the fourth-edition model missed; see
     * {@link TeacherEdition#FIFTH}), 15,500 steps, otherwise the default's: kept so that its model
     * (68.7 minutes on 2 cores, below the floors and below the fourth edition's at the same steps
     * overall) can be reproduced and compared.
     */
    public static TrainingRecipe fifthEdition() {
        return conversational("fifth-edition", TeacherEdition.FIFTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The sixth-edition recipe: the fifth edition's traces with the fourth edition's shares (see
     * {@link TeacherEdition#SIXTH}), 15,500 steps, otherwise the fifth's.
     */
    public static TrainingRecipe sixthEdition() {
        return conversational("sixth-edition", TeacherEdition.SIXTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The seventh-edition recipe: the sixth edition's with long division that states its leading part and
     * typos made as any one-letter slip (see {@link TeacherEdition#SEVENTH}), 15,500 steps.
     */
    public static TrainingRecipe seventhEdition() {
        return conversational("seventh-edition", TeacherEdition.SEVENTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The eighth-edition recipe: the seventh edition's with composed out-of-scope questions (see
     * {@link TeacherEdition#EIGHTH}), 15,500 steps.
     */
    public static TrainingRecipe eighthEdition() {
        return conversational("eighth-edition", TeacherEdition.EIGHTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The ninth-edition recipe: the eighth edition's with more sharing word problems and re-checks that quote their
     * question (see {@link TeacherEdition#NINTH}), 15,500 steps.
     */
    public static TrainingRecipe ninthEdition() {
        return conversational("ninth-edition", TeacherEdition.NINTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The tenth-edition recipe: the eighth edition's with sharing divisions that count up the divisor's multiples (see
     * {@link TeacherEdition#TENTH}), 15,500 steps.
     */
    public static TrainingRecipe tenthEdition() {
        return conversational("tenth-edition", TeacherEdition.TENTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The eleventh-edition recipe: the tenth edition's with every counted multiple compared with the part divided (see
     * {@link TeacherEdition#ELEVENTH}), 15,500 steps.
     */
    public static TrainingRecipe eleventhEdition() {
        return conversational("eleventh-edition", TeacherEdition.ELEVENTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twelfth-edition recipe: the eleventh edition's with column work that names each number's digits by place
     * first and sharing divisions that compare each multiple three ways (see {@link TeacherEdition#TWELFTH}), 15,500
     * steps.
     */
    public static TrainingRecipe twelfthEdition() {
        return conversational("twelfth-edition", TeacherEdition.TWELFTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirteenth-edition recipe: the twelfth edition's with primality's digit sum written as threes and a
     * remainder and weekday traces that restate the start day and the direction first (see
     * {@link TeacherEdition#THIRTEENTH}), 15,500 steps.
     */
    public static TrainingRecipe thirteenthEdition() {
        return conversational("thirteenth-edition", TeacherEdition.THIRTEENTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The fourteenth-edition recipe: the thirteenth edition's with close numbers compared digit by digit in sorts and
     * scans (see {@link TeacherEdition#FOURTEENTH}), 15,500 steps.
     */
    public static TrainingRecipe fourteenthEdition() {
        return conversational("fourteenth-edition", TeacherEdition.FOURTEENTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The fifteenth-edition recipe: the fourteenth edition's with primality's divisions counted as sharing's are, its
     * last test named, and training questions' quote marks varied (see {@link TeacherEdition#FIFTEENTH}), 15,500 steps.
     */
    public static TrainingRecipe fifteenthEdition() {
        return conversational("fifteenth-edition", TeacherEdition.FIFTEENTH, 15_500, MklDispatch.CPU_FEATURES);
    }

    /**
     * The sixteenth-edition recipe: the fifteenth edition's with word problems also asked as a setup and a question
     * (see {@link TeacherEdition#SIXTEENTH}), 25,000 steps (89 % of an epoch; the fourteenth edition's 25,000 took 58.6
     * minutes on a 2-core AMD EPYC).
     */
    public static TrainingRecipe sixteenthEdition() {
        return conversational("sixteenth-edition", TeacherEdition.SIXTEENTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The seventeenth-edition recipe: the fourteenth edition's traces with the sixteenth edition's word-problem sentences
     * and lists also asked as requests whose frames sorts and statistics share (see {@link TeacherEdition#SEVENTEENTH}),
     * 25,000 steps.
     */
    public static TrainingRecipe seventeenthEdition() {
        return conversational("seventeenth-edition", TeacherEdition.SEVENTEENTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The eighteenth-edition recipe: the seventeenth edition's with words no template uses put into a quarter of the
     * training questions (see {@link TeacherEdition#EIGHTEENTH}), 25,000 steps.
     */
    public static TrainingRecipe eighteenthEdition() {
        return conversational("eighteenth-edition", TeacherEdition.EIGHTEENTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twentieth-edition recipe: the nineteenth edition's with sharing divisions that compare a multiple and the part
     * digit by digit ({@link TeacherEdition#TWENTIETH}), 25,000 steps.
     */
    public static TrainingRecipe twentiethEdition() {
        return conversational("twentieth-edition", TeacherEdition.TWENTIETH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * Recipe {@code id}: {@code edition}'s conversations, 25,000 steps with oneMKL's CPU-feature kernels, exporting the
     * average of the weights after the last tenth of them.
     */
    private static TrainingRecipe averagingTheLastTenth(String id, TeacherEdition edition) {
        return conversational(id, edition, 25_000, MklDispatch.CPU_FEATURES).withAveragedTail(0.1f);
    }

    /**
     * The forty-fifth-edition recipe: the forty-fourth edition's with list-statistics problems that ask a mean
     * ({@link TeacherEdition#FORTY_FIFTH}), 25,000 steps, exporting the average of the weights after the last tenth of
     * them as the bundled model's recipe does.
     */
    public static TrainingRecipe fortyFifthEdition() {
        return averagingTheLastTenth("forty-fifth-edition", TeacherEdition.FORTY_FIFTH);
    }

    /**
     * The forty-fourth-edition recipe: the forty-third edition's with out-of-scope questions that ask rates and
     * conversions between units ({@link TeacherEdition#FORTY_FOURTH}), 25,000 steps, exporting the average of the
     * weights after the last tenth of them as the bundled model's recipe does.
     */
    public static TrainingRecipe fortyFourthEdition() {
        return averagingTheLastTenth("forty-fourth-edition", TeacherEdition.FORTY_FOURTH);
    }

    /**
     * The forty-third-edition recipe: the forty-second edition's with one-digit additions, subtractions and factors of 0
     * and 1 ({@link TeacherEdition#FORTY_THIRD}), 25,000 steps, exporting the average of the weights after the last
     * tenth of them as the bundled model's recipe does.
     */
    public static TrainingRecipe fortyThirdEdition() {
        return averagingTheLastTenth("forty-third-edition", TeacherEdition.FORTY_THIRD);
    }

    /**
     * The forty-second-edition recipe: the fortieth edition's with one training product in five of two one-digit numbers
     * ({@link TeacherEdition#FORTY_SECOND}), 25,000 steps, exporting the average of the weights after the last tenth of
     * them as the bundled model's recipe does.
     */
    public static TrainingRecipe fortySecondEdition() {
        return averagingTheLastTenth("forty-second-edition", TeacherEdition.FORTY_SECOND);
    }

    /**
     * The forty-first-edition recipe: the fortieth edition's with more list statistics asked in later turns
     * ({@link TeacherEdition#FORTY_FIRST}), 25,000 steps, exporting the average of the weights after the last tenth of
     * them as the bundled model's recipe does.
     */
    public static TrainingRecipe fortyFirstEdition() {
        return averagingTheLastTenth("forty-first-edition", TeacherEdition.FORTY_FIRST);
    }

    /**
     * The fortieth-edition recipe with the weights averaged over the last tenth of its steps: the model it exports is
     * the uniform average of the weights after steps 22,500 to 25,000 ({@link #averagedTail()}), which met more floors
     * on the validation draw than the last step's weights of the same run (docs/training.md, "Averaging the last tenth
     * of a run").
     */
    public static TrainingRecipe fortiethEditionAveraged() {
        return averagingTheLastTenth("fortieth-edition-averaged", TeacherEdition.FORTIETH);
    }

    /**
     * The fortieth-edition recipe: the thirty-ninth edition's with letter counts that name what is counted with a noun
     * before the letter ({@link TeacherEdition#FORTIETH}), 25,000 steps.
     */
    public static TrainingRecipe fortiethEdition() {
        return conversational("fortieth-edition", TeacherEdition.FORTIETH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-ninth-edition recipe: the thirty-eighth edition's with out-of-scope training questions that ask world
     * facts about a country and functions of a number as problems are asked ({@link TeacherEdition#THIRTY_NINTH}),
     * 25,000 steps.
     */
    public static TrainingRecipe thirtyNinthEdition() {
        return conversational("thirty-ninth-edition", TeacherEdition.THIRTY_NINTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-eighth-edition recipe: the thirty-seventh edition's with training questions that put a decoy before
     * what is asked or pack things into containers ({@link TeacherEdition#THIRTY_EIGHTH}), 25,000 steps.
     */
    public static TrainingRecipe thirtyEighthEdition() {
        return conversational("thirty-eighth-edition", TeacherEdition.THIRTY_EIGHTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-seventh-edition recipe: the thirty-fourth edition's with thanks, and no greeting, closing one training
     * question in four ({@link TeacherEdition#THIRTY_SEVENTH}), 25,000 steps.
     */
    public static TrainingRecipe thirtySeventhEdition() {
        return conversational("thirty-seventh-edition", TeacherEdition.THIRTY_SEVENTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-sixth-edition recipe: the thirty-fifth edition's less the greetings and thanks that are small talk of
     * their own ({@link TeacherEdition#THIRTY_SIXTH}), 25,000 steps.
     */
    public static TrainingRecipe thirtySixthEdition() {
        return conversational("thirty-sixth-edition", TeacherEdition.THIRTY_SIXTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-fifth-edition recipe: the thirty-fourth edition's with greetings and thanks around one training question
     * in three ({@link TeacherEdition#THIRTY_FIFTH}), 25,000 steps.
     */
    public static TrainingRecipe thirtyFifthEdition() {
        return conversational("thirty-fifth-edition", TeacherEdition.THIRTY_FIFTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-fourth-edition recipe: the thirty-third edition's with other people, things and connectors swapped into
     * training questions ({@link TeacherEdition#THIRTY_FOURTH}), 25,000 steps.
     */
    public static TrainingRecipe thirtyFourthEdition() {
        return conversational("thirty-fourth-edition", TeacherEdition.THIRTY_FOURTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-third-edition recipe: the thirty-second edition's with training questions that put a dash between the
     * numbers and the question and misspell their keywords ({@link TeacherEdition#THIRTY_THIRD}), 25,000 steps.
     */
    public static TrainingRecipe thirtyThirdEdition() {
        return conversational("thirty-third-edition", TeacherEdition.THIRTY_THIRD, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-second-edition recipe: the thirty-first edition's with more out-of-scope translations of a quoted phrase
     * ({@link TeacherEdition#THIRTY_SECOND}), 25,000 steps.
     */
    public static TrainingRecipe thirtySecondEdition() {
        return conversational("thirty-second-edition", TeacherEdition.THIRTY_SECOND, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirty-first-edition recipe: the thirtieth edition's with training questions in more kinds of sentence ({@link
     * TeacherEdition#THIRTY_FIRST}), 25,000 steps.
     */
    public static TrainingRecipe thirtyFirstEdition() {
        return conversational("thirty-first-edition", TeacherEdition.THIRTY_FIRST, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The thirtieth-edition recipe: the twenty-eighth edition's with more training re-checks after a wrong answer ({@link
     * TeacherEdition#THIRTIETH}), 25,000 steps.
     */
    public static TrainingRecipe thirtiethEdition() {
        return conversational("thirtieth-edition", TeacherEdition.THIRTIETH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-ninth-edition recipe: the twenty-eighth edition's without polite requests and other units ({@link
     * TeacherEdition#TWENTY_NINTH}), 25,000 steps.
     */
    public static TrainingRecipe twentyNinthEdition() {
        return conversational("twenty-ninth-edition", TeacherEdition.TWENTY_NINTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-eighth-edition recipe: the twenty-seventh edition's with each comparison on a re-check's verdict line
     * naming its two parts again as the lines before name them ({@link TeacherEdition#TWENTY_EIGHTH}), 25,000 steps.
     */
    public static TrainingRecipe twentyEighthEdition() {
        return conversational("twenty-eighth-edition", TeacherEdition.TWENTY_EIGHTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-seventh-edition recipe: the twenty-sixth edition's with one wrong answer in two shown before a
     * training re-check differing in many parts ({@link TeacherEdition#TWENTY_SEVENTH}), 25,000 steps.
     */
    public static TrainingRecipe twentySeventhEdition() {
        return conversational("twenty-seventh-edition", TeacherEdition.TWENTY_SEVENTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-sixth-edition recipe: the twenty-fifth edition's with training questions also asked as polite requests
     * and in other units ({@link TeacherEdition#TWENTY_SIXTH}), 25,000 steps.
     */
    public static TrainingRecipe twentySixthEdition() {
        return conversational("twenty-sixth-edition", TeacherEdition.TWENTY_SIXTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-fifth-edition recipe: the twenty-fourth edition's with the earlier answer's parts opening the verdict
     * line, before the new answer's ({@link TeacherEdition#TWENTY_FIFTH}), 25,000 steps.
     */
    public static TrainingRecipe twentyFifthEdition() {
        return conversational("twenty-fifth-edition", TeacherEdition.TWENTY_FIFTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-fourth-edition recipe: the twenty-third edition's with the verdict line naming the earlier answer's
     * parts again beside the new answer's ({@link TeacherEdition#TWENTY_FOURTH}), 25,000 steps.
     */
    public static TrainingRecipe twentyFourthEdition() {
        return conversational("twenty-fourth-edition", TeacherEdition.TWENTY_FOURTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-third-edition recipe: the twenty-second edition's with the earlier answer's parts named on a re-check's
     * first line and the verdict line naming only the new answer's ({@link TeacherEdition#TWENTY_THIRD}), 25,000 steps.
     */
    public static TrainingRecipe twentyThirdEdition() {
        return conversational("twenty-third-edition", TeacherEdition.TWENTY_THIRD, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-second-edition recipe: the twenty-first edition's with a re-check naming its answers' digits by place
     * (a list's numbers by position) and comparing them by name ({@link TeacherEdition#TWENTY_SECOND}), 25,000 steps.
     */
    public static TrainingRecipe twentySecondEdition() {
        return conversational("twenty-second-edition", TeacherEdition.TWENTY_SECOND, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The twenty-first-edition recipe: the nineteenth edition's with a re-check's verdict line quoting the earlier
     * answer in its first line's words ({@link TeacherEdition#TWENTY_FIRST}), 25,000 steps.
     */
    public static TrainingRecipe twentyFirstEdition() {
        return conversational("twenty-first-edition", TeacherEdition.TWENTY_FIRST, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The nineteenth-edition recipe: the seventeenth edition's with re-checks that compare the two answers unit by unit
     * before the verdict ({@link TeacherEdition#NINETEENTH}), 25,000 steps.
     */
    public static TrainingRecipe nineteenthEdition() {
        return conversational("nineteenth-edition", TeacherEdition.NINETEENTH, 25_000, MklDispatch.CPU_FEATURES);
    }

    /**
     * The third-edition recipe (surface variation, larger shares for the families the second-edition
     * model missed), kept so that its model (90.6 minutes on 2 cores, below the floors) can be
     * reproduced and compared.
     */
    public static TrainingRecipe thirdEdition() {
        return conversational("third-edition", TeacherEdition.THIRD, 19_000, MklDispatch.MKL_DEFAULT);
    }

    /**
     * The second-edition recipe (phrasing templates, two- and three-turn conversations, out-of-scope
     * questions, no surface variation), kept so that its model can be reproduced and compared.
     */
    public static TrainingRecipe secondEdition() {
        return conversational("second-edition", TeacherEdition.SECOND, 19_000, MklDispatch.MKL_DEFAULT);
    }

    /**
     * The recipe of the first-edition bundled model (docs/training.md, "The bundled model"), which
     * {@code thinktrace train --recipe first-edition} reproduces byte for byte.
     */
    public static TrainingRecipe firstEdition() {
        return new TrainingRecipe("thinktrace-r1-tiny", "first-edition", TeacherEdition.FIRST, 200_000, 20_251_128L,
                TokenizerTrainer.DEFAULT_VOCAB_SIZE, false, TrainingModels.FIRST_EDITION_CONTEXT, 0.02f,
                new TrainingSettings(20_500, 2048, 1e-3, 5e-5, 100, 0.1f, 1.0f, 1L, 500, 2), MklDispatch.MKL_DEFAULT);
    }

    /**
     * A recipe of the conversational editions' common setup: 200,000 examples of data seed 20,251,128, the
     * default tokenizer, the bundled model's shape with a context of {@value TrainingModels#SECOND_EDITION_CONTEXT}
     * tokens, and the same optimisation settings in one pass per step; what differs between them is the
     * teacher, the step count and the kernels.
     */
    private static TrainingRecipe conversational(String id, TeacherEdition teacher, int steps, MklDispatch mklDispatch) {
        return new TrainingRecipe("thinktrace-r1-tiny", id, teacher, 200_000, 20_251_128L,
                TokenizerTrainer.DEFAULT_VOCAB_SIZE, false, TrainingModels.SECOND_EDITION_CONTEXT, 0.02f,
                new TrainingSettings(steps, 2048, 1e-3, 5e-5, 100, 0.1f, 1.0f, 1L, 500, 1), mklDispatch);
    }

    /** A seconds-long run of the whole pipeline on a toy model (the default recipe's teacher), to check an installation. */
    public static TrainingRecipe smoke() {
        return new TrainingRecipe("smoke", "smoke", TeacherEdition.FOURTH, 300, 7L, 384, true,
                TrainingModels.SECOND_EDITION_CONTEXT, 0.02f,
                new TrainingSettings(30, 2048, 3e-3, 3e-4, 3, 0.0f, 1.0f, 1L, 10, 1), MklDispatch.MKL_DEFAULT);
    }

    /** Every recipe {@code --recipe} accepts. */
    public static List<TrainingRecipe> all() {
        return List.of(shipped(), fortyFifthEdition(), fortyFourthEdition(), fortyThirdEdition(), fortySecondEdition(), fortyFirstEdition(), fortiethEditionAveraged(), fortiethEdition(), thirtyNinthEdition(), thirtyEighthEdition(), thirtySeventhEdition(), thirtySixthEdition(), thirtyFifthEdition(), thirtyFourthEdition(), thirtyThirdEdition(), thirtySecondEdition(), thirtyFirstEdition(), thirtiethEdition(), twentyNinthEdition(), twentyEighthEdition(), twentySeventhEdition(), twentySixthEdition(), twentyFifthEdition(), twentyFourthEdition(), twentyThirdEdition(), twentySecondEdition(), twentyFirstEdition(), twentiethEdition(), nineteenthEdition(), eighteenthEdition(), seventeenthEdition(), sixteenthEdition(), fifteenthEdition(), fourteenthEdition(), thirteenthEdition(), twelfthEdition(), eleventhEdition(), tenthEdition(), ninthEdition(), eighthEdition(), seventhEdition(), sixthEdition(), fifthEdition(), fourthEdition(), thirdEdition(), secondEdition(), firstEdition(), smoke());
    }

    /**
     * The recipe whose {@link #id()} is {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids
     */
    public static TrainingRecipe byId(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--recipe must be one of " + all().stream().map(TrainingRecipe::id).toList() + ", got '" + id + "'"));
    }

    /** The model shape for a tokenizer whose BPE part has {@code bpeVocabSize} tokens. */
    public ModelConfig modelConfig(int bpeVocabSize) {
        return smokeShape ? TrainingModels.smoke(vocabSize, bpeVocabSize, context)
                : TrainingModels.shipped(vocabSize, bpeVocabSize, context);
    }

    /**
     * The {@code thinktrace train} arguments after {@code --out DIR} that reproduce this recipe: its id (none for the
     * default recipe), then {@code --steps} and {@code --seed} where they differ from the recipe's own.
     */
    public String trainArguments() {
        TrainingRecipe base = byId(id);
        String arguments = id.equals("shipped") ? "" : " --recipe " + id;
        if (settings.steps() != base.settings().steps()) {
            arguments += " --steps " + settings.steps();
        }
        if (settings.seed() != base.settings().seed()) {
            arguments += " --seed " + settings.seed();
        }
        return arguments;
    }

    /** The same recipe with another step count. */
    public TrainingRecipe withSteps(int steps) {
        return new TrainingRecipe(name, id, teacher, problems, dataSeed, vocabSize, smokeShape, context, initStd,
                settings.withSteps(steps), mklDispatch, averagedTail);
    }

    /**
     * This recipe with another seed of the weights' initialisation and the batch order: the same training problems
     * (the teacher's data seed is unchanged), another run of them, to tell an edition's effect from run-to-run spread.
     */
    public TrainingRecipe withSeed(long seed) {
        return new TrainingRecipe(name, id, teacher, problems, dataSeed, vocabSize, smokeShape, context, initStd,
                settings.withSeed(seed), mklDispatch, averagedTail);
    }

    /** This recipe exporting the uniform average of the weights after each of the last {@code tail} of its steps. */
    public TrainingRecipe withAveragedTail(float tail) {
        return new TrainingRecipe(name, id, teacher, problems, dataSeed, vocabSize, smokeShape, context, initStd,
                settings, mklDispatch, tail);
    }
}

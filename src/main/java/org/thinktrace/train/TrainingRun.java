package org.thinktrace.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.thinktrace.model.DecoderWeights;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.TensorDataType;

/**
 * The whole reproduction of a model into one folder: teacher corpus, tokenizer training and files,
 * tokenised examples, training with checkpoints in {@code <out>/checkpoint}, and the HuggingFace
 * export. Deterministic for a given recipe (up to floating-point summation order in PyTorch).
 */
public final class TrainingRun {

    private final TrainingRecipe recipe;
    private final Path out;
    private final PrintStream log;
    private final List<Integer> averageFrom;
    private final Path averagesOut;

    public TrainingRun(TrainingRecipe recipe, Path out, PrintStream log) {
        this(recipe, out, log, List.of(), null);
    }

    /**
     * A run that also keeps a uniform average of the weights from each step of {@code averageFrom} on ({@link
     * WeightAverages}) and exports each beside the recipe's model, as a model folder {@code averagesOut/from-step-N}
     * with the same tokenizer, so that averaged and last-step weights of one run can be evaluated side by side. The
     * model in {@code out} is what the recipe exports, as without these averages: the last step's weights, or the
     * average of its {@linkplain TrainingRecipe#averagedTail() tail}.
     *
     * @param averageFrom the steps the averages begin at, each within the recipe's steps; empty for none
     * @param averagesOut the folder that receives the averaged models; may be null only when there are none
     */
    public TrainingRun(TrainingRecipe recipe, Path out, PrintStream log, List<Integer> averageFrom, Path averagesOut) {
        if (!averageFrom.isEmpty() && averagesOut == null) {
            throw new IllegalArgumentException("weight averages need a folder to be written to");
        }
        this.recipe = recipe;
        this.out = out;
        this.log = log;
        this.averageFrom = List.copyOf(averageFrom);
        this.averagesOut = averagesOut;
    }

    /** The averages the trainer keeps: those asked for, and the recipe's exported one. */
    private List<Integer> averagesKept() {
        List<Integer> kept = new ArrayList<>(averageFrom);
        int exported = recipe.exportedAverageFrom();
        if (exported != 0 && !kept.contains(exported)) {
            kept.add(exported);
        }
        return kept;
    }

    /** The folder of the model averaged from step {@code start} on: {@code from-step-N} under the averages' folder. */
    private static Path averagedModelFolder(Path averagesOut, int start) {
        return averagesOut.resolve("from-step-" + start);
    }

    /** Mean loss of the last (up to) 20 steps run, NaN when none ran. */
    private static double finalLoss(List<StepReport> reports) {
        return reports.subList(Math.max(0, reports.size() - 20), reports.size()).stream()
                .mapToDouble(StepReport::loss).average().orElse(Double.NaN);
    }

    /**
     * Runs (or, with {@code resume}, continues) the recipe and exports the model into {@code out}.
     * The checkpoint folder is removed once the export and the model card are written.
     *
     * @throws CheckpointExistsException when {@code out} holds a checkpoint and {@code resume} is false
     */
    public void execute(boolean resume, DjlRuntime runtime) throws IOException {
        execute(resume, runtime, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #execute(boolean, DjlRuntime)}, but pauses after {@code sessionSteps} steps of this
     * session: the checkpoint stays in {@code out} and nothing is exported until a later run with
     * {@code resume} finishes the recipe.
     *
     * @return whether the recipe finished and the model was exported
     */
    public boolean execute(boolean resume, DjlRuntime runtime, int sessionSteps) throws IOException {
        Files.createDirectories(out);
        if (TrainingCheckpoint.exists(out) && !resume) {
            throw new CheckpointExistsException(out);
        }
        long started = System.nanoTime();
        Teacher teacher = Teacher.of(recipe.teacher());
        List<Problem> problems = teacher.trainingSet(recipe.problems(), recipe.dataSeed());
        log.printf("teacher (%s edition): %,d training examples from %d families, %,d of them later turns%n",
                recipe.teacher().label(), problems.size(), teacher.shares().size(),
                problems.stream().filter(p -> p.turns() > 1).count());
        BpeModel bpe = TokenizerTrainer.train(problems.stream().map(R1ChatFormat::conversation).toList(), recipe.vocabSize());
        ModelConfig config = recipe.modelConfig(bpe.vocab().size());
        TokenizerFiles.write(out, bpe, config.maxPositionEmbeddings());
        log.printf("tokenizer: %,d BPE tokens + %d added tokens written to %s%n", bpe.vocab().size(),
                R1SpecialToken.values().length, out.resolve("tokenizer.json"));
        List<TrainingExample> examples;
        try (ExampleEncoder encoder = new ExampleEncoder(out)) {
            examples = encoder.encodeAll(problems, config.maxPositionEmbeddings());
        }
        long tokens = examples.stream().mapToLong(TrainingExample::length).sum();
        log.printf("examples: %,d conversations, %,d tokens (mean %.0f); %,d longer than the context of %d left out%n",
                examples.size(), tokens, tokens / (double) examples.size(), problems.size() - examples.size(),
                config.maxPositionEmbeddings());
        runtime.prepareTrainingThread();
        log.println("runtime: " + runtime.describe());
        try (NDManager manager = runtime.newManager();
             DecoderWeights weights = DecoderWeights.random(config, manager, recipe.settings().seed(), recipe.initStd());
             Trainer trainer = new Trainer(weights, examples, recipe.settings(), config.eosTokenIds().get(0), manager,
                     averagesKept())) {
            long parameters = weights.parameters().values().stream().mapToLong(p -> p.size()).sum();
            log.printf("model: %s, %,d parameters, %d layers, width %d, %d/%d heads, context %d%n",
                    config.architecture().hfName(), parameters, config.numHiddenLayers(), config.hiddenSize(),
                    config.numAttentionHeads(), config.numKeyValueHeads(), config.maxPositionEmbeddings());
            if (resume) {
                int done = trainer.restore(out);
                log.println(done == 0 ? "no checkpoint in " + out + ", starting from step 0" : "resuming after step " + done);
            }
            log.printf("training %s: %d steps, %d batches per epoch, %d worker%s%n", recipe.name(),
                    recipe.settings().steps(), trainer.batchesPerEpoch(), recipe.settings().workers(),
                    recipe.settings().workers() == 1 ? "" : "s of one core each");
            List<StepReport> reports = trainer.train(sessionSteps, out,
                    new ConsoleProgress(log, Math.max(1, recipe.settings().steps() / 100)));
            if (trainer.stepsDone() < recipe.settings().steps()) {
                log.printf("paused after step %d of %d; the checkpoint is in %s, continue with --resume%n",
                        trainer.stepsDone(), recipe.settings().steps(), out);
                return false;
            }
            int exportedFrom = recipe.exportedAverageFrom();
            if (exportedFrom == 0) {
                ModelExport.write(out, weights, recipe.teacher());
            } else {
                ModelExport.write(out, config, trainer.averagedWeights(exportedFrom, TensorDataType.F32), recipe.teacher());
                log.printf("the model's weights are the average of those after steps %d to %d%n", exportedFrom,
                        trainer.stepsDone());
            }
            double minutes = (System.nanoTime() - started) / 6e10;
            ModelCard.write(out, new ModelCard.Facts(recipe, config, parameters, bpe.vocab().size(), examples.size(),
                    tokens, finalLoss(reports), minutes, runtime.describe()));
            log.printf("exported %s in %.1f min%n", out, minutes);
            for (int start : averageFrom) {
                Path folder = averagedModelFolder(averagesOut, start);
                ModelExport.write(folder, config, trainer.averagedWeights(start, TensorDataType.F32), recipe.teacher());
                TokenizerFiles.write(folder, bpe, config.maxPositionEmbeddings());
                log.printf("weights averaged over steps %d to %d exported to %s%n", start, trainer.stepsDone(), folder);
            }
        }
        TrainingCheckpoint.delete(out);
        return true;
    }
}

package org.thinktrace.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.CheckpointExistsException;
import org.thinktrace.train.CheckpointAveragesException;
import org.thinktrace.train.CheckpointSeedException;
import org.thinktrace.train.TrainingRecipe;
import org.thinktrace.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace train --out DIR [--steps N] [--seed S] [--resume] [--pause-after N] [--threads N] [--recipe R]}:
 * reproduces the bundled model (teacher corpus, tokenizer, training, HuggingFace export) into DIR.
 * {@code R} is the id of one of {@link TrainingRecipe#all()}: {@code shipped} the bundled model's recipe, each
 * conversational edition's under its name ({@code second-edition} on), {@code first-edition} the recipe of the first
 * bundled model (reproduced byte for byte), {@code smoke} a seconds-long check of the pipeline.
 * {@code --pause-after N} trains N steps of this session and keeps the checkpoint for a later {@code --resume}.
 * {@code --average-from N[,N…] --averages-out DIR2} also keeps a uniform average of the weights from each step N on and
 * writes it as a model folder {@code DIR2/from-step-N}, beside the last step's model in DIR, to be evaluated side by side.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "train the bundled reasoning model into a folder")
public final class TrainCommand implements Callable<Integer> {

    private final CommandIo io;

    @Option(names = "--out", paramLabel = "DIR", description = "the folder that receives the model (required)")
    Path out;

    @Option(names = "--recipe", paramLabel = "R", completionCandidates = RecipeIds.class,
            description = "one of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    String recipeName = "shipped";

    @Option(names = "--steps", paramLabel = "N", description = "training steps (default: the recipe's own)")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the weights' initialisation and the batch"
            + " order (default: the recipe's own); the training problems stay the recipe's")
    Long seed;

    @Option(names = "--resume", description = "continue from the checkpoint in DIR (default off)")
    boolean resume;

    @Option(names = "--pause-after", paramLabel = "N",
            description = "stop after N steps of this session, keep the checkpoint (default: run to the end)")
    Integer pauseAfter;

    @Option(names = "--average-from", paramLabel = "N", split = ",", description = "also average the weights from"
            + " step N on (a comma-separated list for several averages; default: none); needs --averages-out")
    List<Integer> averageFrom = new ArrayList<>();

    @Option(names = "--averages-out", paramLabel = "DIR2", description = "the folder that receives each averaged"
            + " model as from-step-N (with --average-from; default: none)")
    Path averagesOut;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch threads of the optimizer (default: 1 when"
            + " the recipe splits batches among workers, else the number of cores)")
    Integer threads;

    TrainCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            throw new UsageException("--out DIR is required (the folder that receives the model)");
        }
        checkOutput("--out", out);
        TrainingRecipe recipe;
        try {
            recipe = TrainingRecipe.byId(recipeName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (steps != null) {
            if (steps < 1) throw new UsageException("--steps must be at least 1, got " + steps);
            recipe = recipe.withSteps(steps);
        }
        if (seed != null) {
            recipe = recipe.withSeed(seed);
        }
        if (averageFrom.isEmpty() != (averagesOut == null)) {
            throw new UsageException(averagesOut == null ? "--average-from needs --averages-out DIR2, the folder that"
                    + " receives the averaged models" : "--averages-out needs --average-from N, the step an average begins at");
        }
        int runSteps = recipe.settings().steps();
        for (int start : averageFrom) {
            if (start < 1 || start > runSteps) {
                throw new UsageException("--average-from must name steps from 1 to the run's " + runSteps + ", got " + start);
            }
        }
        if (averageFrom.stream().distinct().count() != averageFrom.size()) {
            throw new UsageException("--average-from names a step twice: " + averageFrom);
        }
        if (averagesOut != null) {
            checkOutput("--averages-out", averagesOut);
        }
        if (pauseAfter != null && pauseAfter < 1) {
            throw new UsageException("--pause-after must be at least 1, got " + pauseAfter);
        }
        // A recipe that splits batches among single-core workers runs its optimizer on one thread too,
        // leaving the cores to the workers.
        // Otherwise all cores: on an idle 2-core machine two PyTorch threads trained 2.2x faster than
        // one (3,300 vs 1,500 tokens/s); on a machine busy with other work, --threads 1 is faster.
        int threadCount = threads != null ? threads
                : recipe.settings().workers() > 1 ? 1 : Runtime.getRuntime().availableProcessors();
        Threads.check("--threads", threadCount);
        try {
            // The recipe's kernel choice: oneMKL's own for the recipes reproduced bit for bit (the bundled
            // model was trained with it), the CPU-feature kernels for the fourth edition's and later ones (faster)
            RuntimeSettings settings = RuntimeSettings.defaults().withThreads(threadCount)
                    .withMklDispatch(recipe.mklDispatch());
            new TrainingRun(recipe, out, io.out(), averageFrom, averagesOut).execute(resume, DjlRuntime.start(settings),
                    pauseAfter == null ? Integer.MAX_VALUE : pauseAfter);
        } catch (CheckpointExistsException | CheckpointSeedException | CheckpointAveragesException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return 0;
    }

    /** An output folder ({@code option}'s value) must be a folder (or not exist yet) that this user can write. */
    private static void checkOutput(String option, Path folder) throws UsageException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException(option + " " + folder + " is a file, not a folder; name a new or existing folder");
        }
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isWritable(existing)) {
            throw new UsageException(option + " " + folder + ": " + existing + " is not writable by this user");
        }
    }

    /** The ids {@code --recipe} accepts, in {@link TrainingRecipe#all()}'s order, for the option's help. */
    static final class RecipeIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TrainingRecipe.all().stream().map(TrainingRecipe::id).iterator();
        }
    }
}

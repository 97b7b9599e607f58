package org.thinktrace.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.CheckpointExistsException;
import org.thinktrace.train.TrainingRecipe;
import org.thinktrace.train.TrainingRun;

/**
 * {@code thinktrace train --out DIR [--steps N] [--resume] [--pause-after N] [--threads N] [--recipe shipped|first-edition|smoke]}:
 * reproduces the bundled model (teacher corpus, tokenizer, training, HuggingFace export) into DIR.
 * {@code shipped} is the second-edition recipe, {@code first-edition} the recipe of the model bundled
 * before it (reproduced byte for byte), {@code smoke} a seconds-long check of the pipeline.
 * {@code --pause-after N} trains N steps of this session and keeps the checkpoint for a later {@code --resume}.
 */
public final class TrainCommand implements CliCommand {

    private static final Set<String> VALUED = Set.of("--out", "--steps", "--threads", "--pause-after", "--recipe");
    private static final Set<String> SWITCHES = Set.of("--resume");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train the bundled reasoning model: --out DIR [--steps N] [--resume] [--pause-after N] [--threads N] [--recipe shipped|first-edition|smoke]";
    }

    @Override
    public String usage() {
        return """
                usage: thinktrace train --out DIR [options]
                  --out DIR                 the folder that receives the model (required)
                  --recipe R                shipped, first-edition or smoke (default shipped)
                  --steps N                 training steps (default: the recipe's own)
                  --resume                  continue from the checkpoint in DIR (default off)
                  --pause-after N           stop after N steps of this session, keep the checkpoint (default: run to the end)
                  --threads N               PyTorch threads of the optimizer (default: 1 when the recipe
                                            splits batches among workers, else the number of cores)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, VALUED, SWITCHES);
        line.requireNoPositional();
        String dir = line.value("--out");
        if (dir == null) {
            throw new UsageException("--out DIR is required (the folder that receives the model)");
        }
        String recipeName = line.value("--recipe") == null ? "shipped" : line.value("--recipe");
        TrainingRecipe recipe;
        try {
            recipe = TrainingRecipe.byId(recipeName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (line.has("--steps")) {
            recipe = recipe.withSteps(line.positiveIntValue("--steps", 1));
        }
        int pauseAfter = line.positiveIntValue("--pause-after", Integer.MAX_VALUE);
        // A recipe that splits batches among single-core workers runs its optimizer on one thread too,
        // leaving the cores to the workers (measured in turn: 9,870 vs 8,162 and 9,499 tokens/s with two).
        // Otherwise all cores: on an idle 2-core machine two PyTorch threads trained 2.2x faster than
        // one (3,300 vs 1,500 tokens/s); on a machine busy with other work, --threads 1 is faster.
        int threads = line.positiveIntValue("--threads",
                recipe.settings().workers() > 1 ? 1 : Runtime.getRuntime().availableProcessors());
        try {
            // oneMKL's own kernel choice: the shipped model was trained with it, and train reproduces it bit for bit
            RuntimeSettings settings = RuntimeSettings.defaults().withThreads(threads)
                    .withMklDispatch(RuntimeSettings.MklDispatch.MKL_DEFAULT);
            new TrainingRun(recipe, Path.of(dir), out).execute(line.has("--resume"), DjlRuntime.start(settings), pauseAfter);
        } catch (CheckpointExistsException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return 0;
    }
}

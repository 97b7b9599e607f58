package org.thinktrace.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.CheckpointExistsException;
import org.thinktrace.train.TrainingRecipe;
import org.thinktrace.train.TrainingRun;

/**
 * {@code thinktrace train --out DIR [--steps N] [--resume] [--pause-after N] [--threads N] [--recipe shipped|smoke]}:
 * reproduces the bundled model (teacher corpus, tokenizer, training, HuggingFace export) into DIR.
 * {@code --pause-after N} trains N steps of this session and keeps the checkpoint for a later {@code --resume}.
 */
public final class TrainCommand implements CliCommand {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train the bundled reasoning model: --out DIR [--steps N] [--resume] [--pause-after N] [--threads N] [--recipe shipped|smoke]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path dir = null;
        Integer steps = null;
        Integer threads = null;
        int pauseAfter = Integer.MAX_VALUE;
        boolean resume = false;
        TrainingRecipe recipe = TrainingRecipe.shipped();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--out" -> dir = Path.of(value(args, ++i, arg));
                case "--steps" -> steps = positive(value(args, ++i, arg), arg);
                case "--threads" -> threads = positive(value(args, ++i, arg), arg);
                case "--resume" -> resume = true;
                case "--pause-after" -> pauseAfter = positive(value(args, ++i, arg), arg);
                case "--recipe" -> recipe = switch (value(args, ++i, arg)) {
                    case "shipped" -> TrainingRecipe.shipped();
                    case "smoke" -> TrainingRecipe.smoke();
                    default -> throw new UsageException("--recipe must be 'shipped' or 'smoke', got '" + args.get(i) + "'");
                };
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (dir == null) {
            throw new UsageException("--out DIR is required (the folder that receives the model)");
        }
        if (steps != null) {
            recipe = recipe.withSteps(steps);
        }
        try {
            // one PyTorch thread by default: on a shared machine two threads measured 3x slower (spinning
            // OpenMP workers); on an idle machine --threads 2 may be faster
            RuntimeSettings settings = RuntimeSettings.defaults().withThreads(threads == null ? 1 : threads);
            new TrainingRun(recipe, dir, out).execute(resume, DjlRuntime.start(settings), pauseAfter);
        } catch (CheckpointExistsException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String text, String option) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new UsageException(option + " must be at least 1, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got '" + text + "'", e);
        }
    }
}

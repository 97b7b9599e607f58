package org.thinktrace.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thinktrace.generate.GgufModelFile;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.EvaluationReport;
import org.thinktrace.train.Evaluator;
import org.thinktrace.train.ModelCard;
import org.thinktrace.train.EvaluationSuite;
import org.thinktrace.train.Teacher;
import org.thinktrace.train.TeacherEdition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace eval [--model DIR] [--per-family N] [--mode both|greedy|sampled] [--max-tokens N]
 * [--seed S] [--threads N] [--require-targets] [--update-card]}: runs held-out teacher problems of every
 * family through the real generation pipeline and prints Markdown tables per decoding mode; with
 * {@code --update-card} the tables also replace the evaluation section of the model's README.md.
 *
 * <p>What is evaluated follows the teacher edition recorded in the model's {@code config.json}: a
 * first-edition model gets held-out problems; a second-edition model also held-out phrasings,
 * follow-up turns and out-of-scope questions, each against its floor ({@link Teacher#evaluationSuite}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "score a model on held-out reasoning problems of every family")
public final class EvalCommand implements Callable<Integer> {

    /**
     * Problems per family by default: 40, so that one problem moves a family's accuracy by 2.5
     * points, not 10, and the whole table (400 problems) by a quarter point; the model card's
     * table is this default's.
     */
    private static final int DEFAULT_PER_FAMILY = 40;

    private final CommandIo io;

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "model folder or GGUF file (default: the bundled models/thinktrace-r1-tiny)")
    Path model;

    @Mixin
    PrecisionOption precision = new PrecisionOption();

    @Option(names = "--per-family", paramLabel = "N", description = "held-out problems per family (default ${DEFAULT-VALUE})")
    int perFamily = DEFAULT_PER_FAMILY;

    @Option(names = "--mode", paramLabel = "M", description = "both, greedy or sampled (default ${DEFAULT-VALUE})")
    String mode = "both";

    @Option(names = "--max-tokens", paramLabel = "N", description = "most tokens per answer (default: the model's context)")
    Integer maxTokensOption;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the problem draw and of sampling (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch threads (default: one per available processor)")
    Integer threads;

    @Option(names = "--require-targets", description = "exit 1 when the accuracy targets are missed (default off)")
    boolean requireTargets;

    @Option(names = "--update-card", description = "write the tables into the model's README.md (default off)")
    boolean updateCard;

    EvalCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = io.out();
        PrintStream err = io.err();
        if (perFamily < 1) throw new UsageException("--per-family must be at least 1, got " + perFamily);
        if (maxTokensOption != null && maxTokensOption < 1) {
            throw new UsageException("--max-tokens must be at least 1, got " + maxTokensOption);
        }
        List<String> modes = switch (mode) {
            case "both" -> List.of("greedy", "sampled");
            case "greedy" -> List.of("greedy");
            case "sampled" -> List.of("sampled");
            default -> throw new UsageException("--mode must be both, greedy or sampled, got '" + mode + "'");
        };
        RuntimeSettings runtime = RuntimeSettings.defaults();
        if (threads != null) {
            Threads.check("--threads", threads);
            runtime = runtime.withThreads(threads);
        }
        Path folder = ModelChoice.folder(model);
        boolean gguf = GgufModelFile.isGgufFile(folder);
        if (gguf && updateCard) {
            throw new UsageException("--update-card writes the model card (README.md) of a model folder; "
                    + folder + " is a GGUF file");
        }
        List<EvaluationReport> reports = new ArrayList<>();
        try (LoadedModel loaded = ModelSource.at(folder).load(
                new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT, runtime, precision.choice()), LoadProgress.NONE)) {
            // a GGUF file carries no teacher edition (a config.json key): it counts as one without the key
            TeacherEdition edition = gguf ? TeacherEdition.FIRST : teacherEdition(folder);
            Teacher teacher = Teacher.of(edition);
            EvaluationSuite suite = teacher.evaluationSuite(perFamily, seed);
            int maxTokens = maxTokensOption != null ? maxTokensOption : loaded.config().maxPositionEmbeddings();
            Evaluator evaluator = new Evaluator(loaded.generator(), maxTokens);
            out.printf("model %s (teacher: %s edition), %d problems per family, %d families", folder,
                    edition.name().toLowerCase(Locale.ROOT), perFamily, teacher.families().size());
            if (edition != TeacherEdition.FIRST) {
                out.printf("; %d in held-out phrasings, %d follow-up turns, %d out-of-scope questions",
                        suite.heldOutPhrasings().size(), suite.followUps().size(), suite.outOfScope().size());
            }
            out.printf("%n%n");
            for (String run : modes) {
                SamplingSettings sampling = run.equals("greedy") ? SamplingSettings.greedy()
                        : SamplingSettings.r1Defaults().withSeed(seed);
                String caption = run.equals("greedy") ? "greedy" : "temperature 0.6, top-p 0.95";
                int[] done = {0};
                EvaluationReport report = evaluator.run(caption, suite, sampling, outcome -> {
                    if (++done[0] % 10 == 0 || done[0] == suite.size()) {
                        err.printf("%s: %d/%d%n", run, done[0], suite.size());
                    }
                });
                reports.add(report);
                out.println(report.table());
            }
        } catch (ModelFolderException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (updateCard) {
            ModelCard.updateEvaluation(folder, reports);
            out.println("evaluation written into " + folder.resolve("README.md"));
        }
        if (requireTargets && !reports.stream().allMatch(EvaluationReport::meetsTargets)) {
            for (EvaluationReport report : reports) {
                report.missedFloors().forEach(miss -> err.printf("target missed (%s): %s%n", report.mode(), miss));
            }
            return 1;
        }
        return 0;
    }

    /** The edition recorded in the folder's config.json, or a usage error that names the file and value. */
    private static TeacherEdition teacherEdition(Path folder) throws UsageException {
        try {
            return TeacherEdition.ofModel(folder);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read the teacher edition of " + folder + ": " + e.getMessage(), e);
        }
    }
}

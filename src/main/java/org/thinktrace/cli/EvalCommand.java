package org.thinktrace.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.EvaluationReport;
import org.thinktrace.train.Evaluator;
import org.thinktrace.train.ModelCard;
import org.thinktrace.train.Problem;
import org.thinktrace.train.Teacher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace eval [--model DIR] [--per-family N] [--mode both|greedy|sampled] [--max-tokens N]
 * [--seed S] [--threads N] [--require-targets] [--update-card]}: runs held-out teacher problems of every
 * family through the real generation pipeline and prints a Markdown table per decoding mode; with
 * {@code --update-card} the tables also replace the evaluation section of the model's README.md.
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

    @Option(names = "--model", paramLabel = "DIR",
            description = "model folder (default: the bundled models/thinktrace-r1-tiny)")
    Path model;

    @Option(names = "--per-family", paramLabel = "N", description = "held-out problems per family (default ${DEFAULT-VALUE})")
    int perFamily = DEFAULT_PER_FAMILY;

    @Option(names = "--mode", paramLabel = "M", description = "both, greedy or sampled (default ${DEFAULT-VALUE})")
    String mode = "both";

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "most tokens per answer (default ${DEFAULT-VALUE}, the bundled model's context)")
    int maxTokens = 768;

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
        if (maxTokens < 1) throw new UsageException("--max-tokens must be at least 1, got " + maxTokens);
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
        List<Problem> problems = Teacher.standard().evaluationSet(perFamily, seed);
        List<EvaluationReport> reports = new ArrayList<>();
        try (ModelBundle bundle = ModelBundle.load(folder,
                new ModelBundle.Options(ModelBundle.DEFAULT_CONTEXT_LIMIT, runtime), ModelBundle.Progress.NONE)) {
            Evaluator evaluator = new Evaluator(bundle.generator(), maxTokens);
            out.printf("model %s, %d problems per family, %d families%n%n", folder, perFamily, Teacher.standard().families().size());
            for (String run : modes) {
                SamplingSettings sampling = run.equals("greedy") ? SamplingSettings.greedy()
                        : SamplingSettings.r1Defaults().withSeed(seed);
                String caption = run.equals("greedy") ? "greedy" : "temperature 0.6, top-p 0.95";
                int[] done = {0};
                EvaluationReport report = evaluator.run(caption, problems, sampling, outcome -> {
                    if (++done[0] % 10 == 0 || done[0] == problems.size()) {
                        err.printf("%s: %d/%d%n", run, done[0], problems.size());
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
            err.printf("targets missed: at least %.0f%% overall, %.0f%% in every family, %.0f%% well-formed%n",
                    100 * EvaluationReport.TARGET_ACCURACY, 100 * EvaluationReport.TARGET_FAMILY_ACCURACY,
                    100 * EvaluationReport.TARGET_WELL_FORMED);
            return 1;
        }
        return 0;
    }
}

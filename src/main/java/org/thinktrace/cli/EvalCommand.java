package org.thinktrace.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.EvaluationReport;
import org.thinktrace.train.Evaluator;
import org.thinktrace.train.ModelCard;
import org.thinktrace.train.Problem;
import org.thinktrace.train.Teacher;

/**
 * {@code thinktrace eval [--model DIR] [--per-family N] [--mode both|greedy|sampled] [--max-tokens N]
 * [--seed S] [--threads N] [--require-targets] [--update-card]}: runs held-out teacher problems of every
 * family through the real generation pipeline and prints a Markdown table per decoding mode; with
 * {@code --update-card} the tables also replace the evaluation section of the model's README.md.
 */
public final class EvalCommand implements CliCommand {

    /**
     * Problems per family by default: 40, so that one problem moves a family's accuracy by 2.5
     * points, not 10, and the whole table (400 problems) by a quarter point; the model card's
     * table is this default's.
     */
    private static final int DEFAULT_PER_FAMILY = 40;

    private static final Set<String> VALUED = Set.of("--model", "--per-family", "--mode", "--max-tokens", "--seed", "--threads");
    private static final Set<String> SWITCHES = Set.of("--require-targets", "--update-card");

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "score a model on held-out reasoning problems: [--model DIR] [--per-family N] [--mode both|greedy|sampled]";
    }

    @Override
    public String usage() {
        return """
                usage: thinktrace eval [options]
                  --model DIR               model folder (default: the bundled models/thinktrace-r1-tiny)
                  --per-family N            held-out problems per family (default 40)
                  --mode M                  both, greedy or sampled (default both)
                  --max-tokens N            most tokens per answer (default 768, the bundled model's context)
                  --seed S                  seed of the problem draw and of sampling (default 1)
                  --threads N               PyTorch threads (default: one per available processor)
                  --require-targets         exit 1 when the accuracy targets are missed (default off)
                  --update-card             write the tables into the model's README.md (default off)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, VALUED, SWITCHES);
        line.requireNoPositional();
        int perFamily = line.positiveIntValue("--per-family", DEFAULT_PER_FAMILY);
        int maxTokens = line.positiveIntValue("--max-tokens", 768);
        long seed = line.longValue("--seed", 1L);
        List<String> modes = switch (line.value("--mode") == null ? "both" : line.value("--mode")) {
            case "both" -> List.of("greedy", "sampled");
            case "greedy" -> List.of("greedy");
            case "sampled" -> List.of("sampled");
            default -> throw new UsageException("--mode must be both, greedy or sampled, got '" + line.value("--mode") + "'");
        };
        RuntimeSettings runtime = line.has("--threads")
                ? RuntimeSettings.defaults().withThreads(line.positiveIntValue("--threads", 1))
                : RuntimeSettings.defaults();
        Path folder = ModelChoice.folder(line.value("--model") == null ? null : Path.of(line.value("--model")));
        List<Problem> problems = Teacher.standard().evaluationSet(perFamily, seed);
        List<EvaluationReport> reports = new ArrayList<>();
        try (ModelBundle bundle = ModelBundle.load(folder,
                new ModelBundle.Options(ModelBundle.DEFAULT_CONTEXT_LIMIT, runtime), ModelBundle.Progress.NONE)) {
            Evaluator evaluator = new Evaluator(bundle.generator(), maxTokens);
            out.printf("model %s, %d problems per family, %d families%n%n", folder, perFamily, Teacher.standard().families().size());
            for (String mode : modes) {
                SamplingSettings sampling = mode.equals("greedy") ? SamplingSettings.greedy()
                        : SamplingSettings.r1Defaults().withSeed(seed);
                String caption = mode.equals("greedy") ? "greedy" : "temperature 0.6, top-p 0.95";
                int[] done = {0};
                EvaluationReport report = evaluator.run(caption, problems, sampling, outcome -> {
                    if (++done[0] % 10 == 0 || done[0] == problems.size()) {
                        err.printf("%s: %d/%d%n", mode, done[0], problems.size());
                    }
                });
                reports.add(report);
                out.println(report.table());
            }
        } catch (ModelFolderException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (line.has("--update-card")) {
            ModelCard.updateEvaluation(folder, reports);
            out.println("evaluation written into " + folder.resolve("README.md"));
        }
        if (line.has("--require-targets") && !reports.stream().allMatch(EvaluationReport::meetsTargets)) {
            err.printf("targets missed: at least %.0f%% overall, %.0f%% in every family, %.0f%% well-formed%n",
                    100 * EvaluationReport.TARGET_ACCURACY, 100 * EvaluationReport.TARGET_FAMILY_ACCURACY,
                    100 * EvaluationReport.TARGET_WELL_FORMED);
            return 1;
        }
        return 0;
    }
}

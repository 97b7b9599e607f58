package org.thinktrace.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.EvaluationReport;
import org.thinktrace.train.Evaluator;
import org.thinktrace.train.ModelCard;
import org.thinktrace.train.EvaluationSuite;
import org.thinktrace.train.Teacher;
import org.thinktrace.train.TeacherEdition;

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
                  --max-tokens N            most tokens per answer (default: the model's context)
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
        List<EvaluationReport> reports = new ArrayList<>();
        try (ModelBundle bundle = ModelBundle.load(folder,
                new ModelBundle.Options(ModelBundle.DEFAULT_CONTEXT_LIMIT, runtime), ModelBundle.Progress.NONE)) {
            TeacherEdition edition = teacherEdition(folder);
            Teacher teacher = Teacher.of(edition);
            EvaluationSuite suite = teacher.evaluationSuite(perFamily, seed);
            int maxTokens = line.positiveIntValue("--max-tokens", bundle.config().maxPositionEmbeddings());
            Evaluator evaluator = new Evaluator(bundle.generator(), maxTokens);
            out.printf("model %s (teacher: %s edition), %d problems per family, %d families", folder,
                    edition.name().toLowerCase(Locale.ROOT), perFamily, teacher.families().size());
            if (edition != TeacherEdition.FIRST) {
                out.printf("; %d in held-out phrasings, %d follow-up turns, %d out-of-scope questions",
                        suite.heldOutPhrasings().size(), suite.followUps().size(), suite.outOfScope().size());
            }
            out.printf("%n%n");
            for (String mode : modes) {
                SamplingSettings sampling = mode.equals("greedy") ? SamplingSettings.greedy()
                        : SamplingSettings.r1Defaults().withSeed(seed);
                String caption = mode.equals("greedy") ? "greedy" : "temperature 0.6, top-p 0.95";
                int[] done = {0};
                EvaluationReport report = evaluator.run(caption, suite, sampling, outcome -> {
                    if (++done[0] % 10 == 0 || done[0] == suite.size()) {
                        err.printf("%s: %d/%d%n", mode, done[0], suite.size());
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

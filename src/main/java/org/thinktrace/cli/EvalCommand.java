package org.thinktrace.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.thinktrace.generate.GgufModelFile;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.train.EvaluationReport;
import org.thinktrace.train.Evaluator;
import org.thinktrace.train.ModelCard;
import org.thinktrace.train.ResponseTokens;
import org.thinktrace.train.TokenAgreement;
import org.thinktrace.train.EvaluationSuite;
import org.thinktrace.train.Teacher;
import org.thinktrace.train.TeacherEdition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace eval [--model DIR] [--dtype D] [--per-family N] [--mode both|greedy|sampled] [--max-tokens N]
 * [--seed S] [--threads N] [--together N] [--require-targets] [--update-card] [--misses FILE] [--agreement]}: runs held-out teacher problems of
 * every family through the real generation pipeline and prints Markdown tables per decoding mode, then each mode's
 * standing ({@link EvaluationReport#standing()}: floors met, mean accuracy); with {@code --update-card} the tables
 * (not the standings) also replace the evaluation section of the model's README.md.
 *
 * <p>With {@code --agreement} it runs the greedy evaluation twice over the same suite, first with FP32 weights and
 * then in {@code --dtype}'s precision, one model loaded at a time, keeping only each response's token ids and
 * judgement, and prints per part how many responses are identical token for token, the mean share of tokens in
 * common before the first difference, and the accuracy in each precision ({@link TokenAgreement}).
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

    @Option(names = "--mode", paramLabel = "M", description = "both, greedy or sampled (default both; greedy with --agreement)")
    String mode;

    @Option(names = "--max-tokens", paramLabel = "N", description = "most tokens per answer (default: the model's context)")
    Integer maxTokensOption;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the problem draw and of sampling (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch threads at most; a model whose matrices are"
            + " too small for more to pay runs on one (default: one per available processor)")
    Integer threads;

    @Option(names = "--together", paramLabel = "N", description = "questions decoded together, one model pass per"
            + " token for all of them; several times faster for a small model, and a response may then differ from"
            + " one asked alone where the batched products round differently (default ${DEFAULT-VALUE}: one after another)")
    int together = 1;

    @Option(names = "--require-targets", description = "exit 1 when the accuracy targets are missed (default off)")
    boolean requireTargets;

    @Option(names = "--update-card", description = "write the tables into the model's README.md (default off)")
    boolean updateCard;

    @Option(names = "--misses", paramLabel = "FILE", description = "also write every response that missed (wrong, "
            + "ill-formed, or refusing an in-scope question) to FILE as JSON Lines: the question, the earlier turns, "
            + "the expected answer, the model's thinking and answer (default: not written)")
    Path misses;

    @Option(names = "--agreement", description = "compare greedy tokens in --dtype's precision with FP32's, "
            + "response by response (default off)")
    boolean agreement;

    EvalCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = io.out();
        PrintStream err = io.err();
        if (perFamily < 1) throw new UsageException("--per-family must be at least 1, got " + perFamily);
        if (together < 1) throw new UsageException("--together must be at least 1, got " + together);
        if (together > 1 && agreement) {
            throw new UsageException("--agreement compares responses asked one after another: leave out --together");
        }
        if (maxTokensOption != null && maxTokensOption < 1) {
            throw new UsageException("--max-tokens must be at least 1, got " + maxTokensOption);
        }
        List<String> modes = switch (mode == null ? "both" : mode) {
            case "both" -> List.of("greedy", "sampled");
            case "greedy" -> List.of("greedy");
            case "sampled" -> List.of("sampled");
            default -> throw new UsageException("--mode must be both, greedy or sampled, got '" + mode + "'");
        };
        ComputePrecision compared = agreement ? agreementPrecision() : null;
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
        if (agreement) {
            return agreement(folder, gguf, runtime, compared);
        }
        List<EvaluationReport> reports = new ArrayList<>();
        try (LoadedModel loaded = ModelSource.at(folder).load(
                new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT, runtime, precision.choice()), LoadProgress.NONE)) {
            Teacher teacher = Teacher.of(edition(folder, gguf));
            EvaluationSuite suite = teacher.evaluationSuite(perFamily, seed);
            int maxTokens = maxTokens(loaded);
            Evaluator evaluator = new Evaluator(loaded.generator(), maxTokens);
            printSuite(out, folder, teacher, suite);
            out.printf("%n%n");
            for (String run : modes) {
                SamplingSettings sampling = run.equals("greedy") ? SamplingSettings.greedy()
                        : SamplingSettings.r1Defaults().withSeed(seed);
                String caption = run.equals("greedy") ? "greedy" : "temperature 0.6, top-p 0.95";
                int[] done = {0};
                java.util.function.Consumer<Evaluator.Outcome> progress = outcome -> {
                    if (++done[0] % 10 == 0 || done[0] == suite.size()) {
                        err.printf("%s: %d/%d%n", run, done[0], suite.size());
                    }
                };
                EvaluationReport report = together == 1 ? evaluator.run(caption, suite, sampling, progress)
                        : new EvaluationReport(caption, Evaluator.evaluateTogether(loaded.generator(), maxTokens,
                                Evaluator.questions(suite, sampling), together, progress), together);
                reports.add(report);
                out.println(report.table());
            }
        } catch (ModelFolderException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (misses != null) {
            int written = EvaluationMisses.write(misses, reports);
            out.printf("%d missed responses written to %s%n", written, misses);
        }
        if (updateCard) {
            ModelCard.updateEvaluation(folder, reports);
            out.println("evaluation written into " + folder.resolve("README.md"));
        }
        for (EvaluationReport report : reports) {
            out.printf("standing (%s): %s%n", report.mode(), report.standing().sentence());
        }
        if (requireTargets && !reports.stream().allMatch(EvaluationReport::meetsTargets)) {
            for (EvaluationReport report : reports) {
                report.missedFloors().forEach(miss -> err.printf("target missed (%s): %s%n", report.mode(), miss));
            }
            return 1;
        }
        return 0;
    }

    /** The precision {@code --agreement} compares with FP32: {@code --dtype}'s, which must name one other than FP32. */
    private ComputePrecision agreementPrecision() throws UsageException {
        PrecisionChoice choice = precision.choice();
        if (choice.isAuto() || choice.fixed() == ComputePrecision.FP32) {
            List<String> others = new ArrayList<>();
            for (ComputePrecision p : ComputePrecision.values()) {
                if (p != ComputePrecision.FP32) others.add(p.optionName());
            }
            throw new UsageException("--agreement compares a precision with FP32: --dtype must be one of "
                    + String.join(", ", others) + ", got '" + choice.name() + "'");
        }
        if (mode != null && !mode.equals("greedy")) {
            throw new UsageException("--agreement compares greedy runs: leave out --mode " + mode);
        }
        if (updateCard) {
            throw new UsageException("--agreement prints a comparison, not an evaluation: leave out --update-card");
        }
        if (requireTargets) {
            throw new UsageException("--agreement prints a comparison, not an evaluation: leave out --require-targets");
        }
        if (misses != null) {
            throw new UsageException("--agreement prints a comparison, not an evaluation: leave out --misses");
        }
        return choice.fixed();
    }

    /**
     * The greedy evaluation in FP32, then in {@code compared}, over the same suite; prints the agreement table.
     * Each model is closed before the next is loaded, and only token ids and judgements are kept between them.
     */
    private int agreement(Path folder, boolean gguf, RuntimeSettings runtime, ComputePrecision compared)
            throws UsageException, InterruptedException {
        Teacher teacher = Teacher.of(edition(folder, gguf));
        EvaluationSuite suite = teacher.evaluationSuite(perFamily, seed);
        printSuite(io.out(), folder, teacher, suite);
        io.out().printf("; greedy tokens in %s against FP32%n", compared.label());
        List<ResponseTokens> reference = greedyTokens(folder, runtime, ComputePrecision.FP32, suite);
        List<ResponseTokens> other = greedyTokens(folder, runtime, compared, suite);
        io.out().println();
        io.out().print(AgreementTable.markdown(TokenAgreement.compare(reference, other),
                ComputePrecision.FP32.label(), compared.label()));
        return 0;
    }

    /** The greedy evaluation of {@code suite} with the model loaded in {@code weights}, reduced to token ids. */
    private List<ResponseTokens> greedyTokens(Path folder, RuntimeSettings runtime, ComputePrecision weights,
                                              EvaluationSuite suite) throws UsageException, InterruptedException {
        List<ResponseTokens> responses = new ArrayList<>();
        try (LoadedModel loaded = ModelSource.at(folder).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                runtime, PrecisionChoice.of(weights)), LoadProgress.NONE)) {
            int maxTokens = maxTokens(loaded);
            io.out().printf("%s: %s, at most %d tokens per response%n", weights.label(),
                    loaded.generator().deviceDescription(), maxTokens);
            new Evaluator(loaded.generator(), maxTokens).evaluateEach(suite, SamplingSettings.greedy(), outcome -> {
                responses.add(ResponseTokens.of(outcome));
                if (responses.size() % 10 == 0 || responses.size() == suite.size()) {
                    io.err().printf("%s: %d/%d%n", weights.optionName(), responses.size(), suite.size());
                }
            });
        } catch (ModelFolderException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return responses;
    }

    private int maxTokens(LoadedModel loaded) {
        return maxTokensOption != null ? maxTokensOption : loaded.config().maxPositionEmbeddings();
    }

    /** The first line of the output, without its line end: the model, its teacher and the suite's size. */
    private void printSuite(PrintStream out, Path folder, Teacher teacher, EvaluationSuite suite) {
        out.printf("model %s (teacher: %s edition), %d problems per family, %d families", folder,
                teacher.edition().label(), perFamily, teacher.families().size());
        if (teacher.edition() != TeacherEdition.FIRST) {
            out.printf("; %d in held-out phrasings, %d follow-up turns, %d out-of-scope questions",
                    suite.heldOutPhrasings().size(), suite.followUps().size(), suite.outOfScope().size());
        }
    }

    /** The model's teacher edition; a GGUF file carries none (it is a config.json key) and counts as the first. */
    private static TeacherEdition edition(Path folder, boolean gguf) throws UsageException {
        return gguf ? TeacherEdition.FIRST : teacherEdition(folder);
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

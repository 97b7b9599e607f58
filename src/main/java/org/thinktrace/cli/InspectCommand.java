package org.thinktrace.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.chat.Convergence;
import org.thinktrace.inspect.ForkFinder;
import org.thinktrace.inspect.ConvergenceProbe;
import org.thinktrace.chat.Importance;
import org.thinktrace.inspect.InspectionJson;
import org.thinktrace.chat.InterimAnswer;
import org.thinktrace.inspect.OutlinePrinter;
import org.thinktrace.inspect.ProbeJson;
import org.thinktrace.inspect.StepImportance;
import org.thinktrace.chat.StepResampling;
import org.thinktrace.inspect.TraceComparer;
import org.thinktrace.inspect.TraceComparison;
import org.thinktrace.inspect.TraceInspection;
import org.thinktrace.inspect.TraceInspector;
import org.thinktrace.inspect.TraceStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thinktrace inspect FILE}: the outline, forks and loops of a response's reasoning; with options, the
 * answer-convergence probes, step importance by resampling, and a comparison with another version.
 */
@Command(name = "inspect",
        description = "analyse a response's reasoning: steps, forks, loops, when it knew, step importance, comparison")
final class InspectCommand implements Callable<Integer> {

    private final CommandIo io;

    /** Not picocli's standard help options: {@code --version} is the response's version here. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "a conversation file of the app, or the output of 'thinktrace ask --json' (required)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--message", paramLabel = "N", description = "the N-th response of the conversation (default: the last)")
    Integer message;

    @Option(names = "--version", paramLabel = "V", description = "its V-th version (default: the selected one)")
    Integer version;

    @Option(names = "--json", description = "everything as one JSON object, see docs/inspecting.md (default: text)")
    boolean json;

    @Option(names = "--forks", paramLabel = "N", description = "how many forks to list (default ${DEFAULT-VALUE})")
    int forks = ForkFinder.DEFAULT_COUNT;

    @Option(names = "--converge", description = "run the answer-convergence probes with a model (default: off)")
    boolean converge;

    @Option(names = "--answer-tokens", paramLabel = "K",
            description = "answer tokens read at each step by --converge (default ${DEFAULT-VALUE})")
    int answerTokens = ConvergenceProbe.DEFAULT_ANSWER_TOKENS;

    @Option(names = "--importance", description = "resample around the most surprising steps (default: off)")
    boolean importance;

    @Option(names = "--steps", paramLabel = "N", description = "how many steps --importance resamples (default ${DEFAULT-VALUE})")
    int steps = 6;

    @Option(names = "--samples", paramLabel = "M",
            description = "continuations on each side of a step (default ${DEFAULT-VALUE})")
    int samples = StepImportance.DEFAULT_SAMPLES;

    @Option(names = "--budget", paramLabel = "N",
            description = "new thinking tokens per continuation (default ${DEFAULT-VALUE})")
    int budget = StepImportance.DEFAULT_THINKING_BUDGET;

    @Option(names = "--compare", paramLabel = "FILE2", description = "compare with the last response in another file (default: none)")
    Path compare;

    @Option(names = "--with", paramLabel = "B", description = "compare with version B of the same response (default: none)")
    Integer with;

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "the model the probes run: a folder or a GGUF file (default: the bundled model)")
    Path model;

    @Mixin
    PrecisionOption precision = new PrecisionOption();

    InspectCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = io.out();
        PrintStream err = io.err();
        if (files.size() != 1) throw new UsageException("give exactly one FILE to inspect");
        if (compare != null && with != null) throw new UsageException("give --compare or --with, not both");
        atLeastOne("--message", message);
        atLeastOne("--version", version);
        atLeastOne("--forks", forks);
        atLeastOne("--answer-tokens", answerTokens);
        atLeastOne("--steps", steps);
        atLeastOne("--samples", samples);
        atLeastOne("--budget", budget);
        atLeastOne("--with", with);
        PrecisionChoice weights = precision.choice();
        Path file = files.get(0);
        int message = this.message == null ? 0 : this.message;
        int version = this.version == null ? 0 : this.version;
        InspectSource source = InspectSource.read(file, message, version);
        TraceInspection inspection = TraceInspector.inspect(source.response(), forks);
        ObjectNode root = InspectionJson.render(inspection);
        StringBuilder text = new StringBuilder(source.label()).append("\n\n").append(OutlinePrinter.render(inspection));

        TraceComparison comparison = comparison(file, message, source);
        if (comparison != null) {
            InspectionJson.withComparison(root, comparison);
            text.append('\n').append(comparisonText(comparison));
        }
        if (converge || importance) {
            try (LoadedModel loaded = ModelChoice.load(model, 0, weights)) {
                ModelProbes probes = new ModelProbes(loaded, source, inspection.steps(), err);
                if (!probes.usesRecordedTokens()) {
                    err.println("inspect: the trace's tokens are not " + loaded.generator().modelName()
                            + "'s; its steps are encoded with that model's tokenizer");
                }
                if (converge) {
                    Convergence c = probes.converge(answerTokens);
                    root.set("convergence", ProbeJson.convergence(c));
                    text.append('\n').append(convergenceText(c, inspection.steps()));
                }
                if (importance) {
                    Importance found = probes.importance(steps, samples, budget);
                    root.set("importance", ProbeJson.importance(found));
                    text.append('\n').append(importanceText(found, inspection.steps()));
                }
            }
        }
        out.print(json ? InspectionJson.toText(root) + "\n" : Terminal.visibleLines(text.toString()));
        return 0;
    }

    private TraceComparison comparison(Path file, int message, InspectSource source) throws Exception {
        if (compare != null) {
            InspectSource other = InspectSource.read(compare, 0, 0);
            return TraceComparer.compare(source.response(), other.response());
        }
        if (with != null) {
            InspectSource other = source.otherVersion(file, message, with);
            return TraceComparer.compare(source.response(), other.response());
        }
        return null;
    }

    private static void atLeastOne(String option, Integer value) throws UsageException {
        if (value != null && value < 1) throw new UsageException(option + " must be at least 1, got " + value);
    }

    static String convergenceText(Convergence c, List<TraceStep> steps) {
        StringBuilder out = new StringBuilder("When did it know? (final answer: "
                + (c.finalAnswer().isEmpty() ? "none" : c.finalAnswer()) + ")\n");
        out.append(String.format(Locale.ROOT, "%5s  %7s  %-16s  %6s  %s%n", "step", "tokens", "interim answer", "p",
                "same as final"));
        for (InterimAnswer a : c.steps()) {
            boolean same = !c.finalAnswer().isEmpty() && a.answer().equals(c.finalAnswer());
            out.append(String.format(Locale.ROOT, "%5d  %7d  %-16s  %6.3f  %s%s%n", a.step(), a.tokenIndex(),
                    a.answer().isEmpty() ? "-" : Terminal.visible(a.answer()), a.probability(), same ? "yes" : "no",
                    a.step() == c.settledStep() ? "  <- settled" : ""));
        }
        return out.append(c.summary(steps.size())).append('\n').toString();
    }

    static String importanceText(Importance importance, List<TraceStep> steps) {
        StringBuilder out = new StringBuilder("Step importance by resampling (" + importance.tokens()
                + " tokens generated" + (importance.complete() ? "" : ", stopped early") + ")\n");
        out.append(String.format(Locale.ROOT, "%5s  %7s  %6s  %10s  %s%n", "step", "before", "after", "importance",
                "text"));
        for (StepResampling s : importance.steps()) {
            out.append(String.format(Locale.ROOT, "%5d  %6.0f%%  %5.0f%%  %+10.2f  %s%n", s.step(),
                    100 * s.shareBefore(), 100 * s.shareAfter(), s.importance(),
                    Terminal.visible(OutlinePrinter.preview(steps.get(s.step()).text()))));
        }
        return out.toString();
    }

    static String comparisonText(TraceComparison c) {
        StringBuilder out = new StringBuilder("Comparison\n");
        TraceComparison.Divergence d = c.divergence();
        if (d == null) {
            out.append("first divergence: none found in the tokens (or no token data)\n");
        } else {
            out.append(String.format(Locale.ROOT, "first divergence at token %d: %s (p %.3f) vs %s (p %.3f)%n",
                    d.token(), quote(d.textA()), d.pA(), quote(d.textB()), d.pB()));
        }
        long kept = c.steps().stream().filter(p -> p.change() == TraceComparison.Change.KEPT).count();
        long changed = c.steps().stream().filter(p -> p.change() == TraceComparison.Change.CHANGED).count();
        long added = c.steps().stream().filter(p -> p.change() == TraceComparison.Change.ADDED).count();
        long dropped = c.steps().stream().filter(p -> p.change() == TraceComparison.Change.DROPPED).count();
        out.append(String.format(Locale.ROOT, "steps: %d kept, %d changed, %d added, %d dropped%n", kept, changed,
                added, dropped));
        out.append("answers: ").append(c.answerA()).append(" vs ").append(c.answerB())
                .append(c.answersAgree() ? " (agree)" : " (differ)").append('\n');
        return out.toString();
    }

    private static String quote(String token) {
        return token == null ? "(ended)" : "\"" + Terminal.visible(token) + "\"";
    }
}

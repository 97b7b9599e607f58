package org.thinktrace.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.inspect.Convergence;
import org.thinktrace.inspect.ForkFinder;
import org.thinktrace.inspect.ConvergenceProbe;
import org.thinktrace.inspect.Importance;
import org.thinktrace.inspect.InspectionJson;
import org.thinktrace.inspect.InterimAnswer;
import org.thinktrace.inspect.OutlinePrinter;
import org.thinktrace.inspect.ProbeJson;
import org.thinktrace.inspect.StepImportance;
import org.thinktrace.inspect.StepResampling;
import org.thinktrace.inspect.TraceComparer;
import org.thinktrace.inspect.TraceComparison;
import org.thinktrace.inspect.TraceInspection;
import org.thinktrace.inspect.TraceInspector;
import org.thinktrace.inspect.TraceStep;

/**
 * {@code thinktrace inspect FILE}: the outline, forks and loops of a response's reasoning; with options, the
 * answer-convergence probes, step importance by resampling, and a comparison with another version.
 */
final class InspectCommand implements CliCommand {

    private static final Set<String> VALUED = Set.of("--message", "--version", "--compare", "--with", "--model",
            "--forks", "--answer-tokens", "--steps", "--samples", "--budget");
    private static final Set<String> SWITCHES = Set.of("--json", "--converge", "--importance");

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "analyse a response's reasoning: steps, forks, loops, when it knew, step importance, comparison";
    }

    @Override
    public String usage() {
        return """
                usage: thinktrace inspect FILE [options]
                  FILE                 a conversation file of the app, or the output of 'thinktrace ask --json'
                  --message N          the N-th response of the conversation (default: the last)
                  --version V          its V-th version (default: the selected one)
                  --json               everything as one JSON object, see docs/inspecting.md (default: text)
                  --forks N            how many forks to list (default %d)
                  --converge           run the answer-convergence probes with a model (default: off)
                  --answer-tokens K    answer tokens read at each step by --converge (default %d)
                  --importance         resample around the most surprising steps (default: off)
                  --steps N            how many steps --importance resamples (default 6)
                  --samples M          continuations on each side of a step (default %d)
                  --budget N           new thinking tokens per continuation (default %d)
                  --compare FILE2      compare with the last response in another file (default: none)
                  --with B             compare with version B of the same response (default: none)
                  --model DIR          the model the probes run (default: the bundled model)
                """.formatted(ForkFinder.DEFAULT_COUNT, ConvergenceProbe.DEFAULT_ANSWER_TOKENS,
                StepImportance.DEFAULT_SAMPLES, StepImportance.DEFAULT_THINKING_BUDGET);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, VALUED, SWITCHES);
        if (line.positional().size() != 1) throw new UsageException("give exactly one FILE to inspect");
        if (line.has("--compare") && line.has("--with")) throw new UsageException("give --compare or --with, not both");
        Path file = Path.of(line.positional().get(0));
        int message = line.has("--message") ? line.positiveIntValue("--message", 1) : 0;
        int version = line.has("--version") ? line.positiveIntValue("--version", 1) : 0;
        InspectSource source = InspectSource.read(file, message, version);
        TraceInspection inspection = TraceInspector.inspect(source.response(),
                line.positiveIntValue("--forks", ForkFinder.DEFAULT_COUNT));
        boolean json = line.has("--json");
        ObjectNode root = InspectionJson.render(inspection);
        StringBuilder text = new StringBuilder(source.label()).append("\n\n").append(OutlinePrinter.render(inspection));

        TraceComparison comparison = comparison(line, file, message, source);
        if (comparison != null) {
            InspectionJson.withComparison(root, comparison);
            text.append('\n').append(comparisonText(comparison));
        }
        if (line.has("--converge") || line.has("--importance")) {
            try (ModelBundle bundle = loadModel(line.value("--model"))) {
                ModelProbes probes = new ModelProbes(bundle, source, inspection.steps(), err);
                if (!probes.usesRecordedTokens()) {
                    err.println("inspect: the trace's tokens are not " + bundle.generator().modelName()
                            + "'s; its steps are encoded with that model's tokenizer");
                }
                if (line.has("--converge")) {
                    Convergence c = probes.converge(line.positiveIntValue("--answer-tokens",
                            ConvergenceProbe.DEFAULT_ANSWER_TOKENS));
                    root.set("convergence", ProbeJson.convergence(c));
                    text.append('\n').append(convergenceText(c, inspection.steps()));
                }
                if (line.has("--importance")) {
                    Importance importance = probes.importance(line.positiveIntValue("--steps", 6),
                            line.positiveIntValue("--samples", StepImportance.DEFAULT_SAMPLES),
                            line.positiveIntValue("--budget", StepImportance.DEFAULT_THINKING_BUDGET));
                    root.set("importance", ProbeJson.importance(importance));
                    text.append('\n').append(importanceText(importance, inspection.steps()));
                }
            }
        }
        out.print(json ? InspectionJson.toText(root) + "\n" : Terminal.visibleLines(text.toString()));
        return 0;
    }

    private static TraceComparison comparison(CommandLine line, Path file, int message, InspectSource source)
            throws Exception {
        if (line.has("--compare")) {
            InspectSource other = InspectSource.read(Path.of(line.value("--compare")), 0, 0);
            return TraceComparer.compare(source.response(), other.response());
        }
        if (line.has("--with")) {
            InspectSource other = source.otherVersion(file, message, line.positiveIntValue("--with", 1));
            return TraceComparer.compare(source.response(), other.response());
        }
        return null;
    }

    private static ModelBundle loadModel(String model) throws UsageException {
        try {
            return ModelBundle.load(ModelChoice.folder(model == null ? null : Path.of(model)),
                    ModelBundle.Options.defaults(), ModelBundle.Progress.NONE);
        } catch (ModelFolderException e) {
            throw new UsageException(e.getMessage(), e);
        }
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

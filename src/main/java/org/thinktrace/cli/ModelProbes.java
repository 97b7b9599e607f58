package org.thinktrace.cli;

import java.io.PrintStream;
import org.thinktrace.generate.TokenIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.thinktrace.generate.EncodedPrompt;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.PromptCodec;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.inspect.AnswerExtractor;
import org.thinktrace.chat.Convergence;
import org.thinktrace.inspect.ConvergenceProbe;
import org.thinktrace.chat.Importance;
import org.thinktrace.inspect.InspectedResponse;
import org.thinktrace.inspect.InspectedToken;
import org.thinktrace.inspect.ProbeProgress;
import org.thinktrace.inspect.StepImportance;
import org.thinktrace.inspect.TraceStep;
import org.thinktrace.text.R1Response;

/**
 * The probes of {@code thinktrace inspect} that run a model: answer convergence and step importance.
 *
 * <p>The response's thinking is given to the model as the token ids it was generated with when they are this
 * model's (every recorded token's text is the model's text for that id); otherwise, for a trace from another model
 * or one without token data, each step's text is encoded on its own, so that step boundaries fall between tokens.
 */
final class ModelProbes {

    private final LoadedModel loaded;
    private final InspectSource source;
    private final List<TraceStep> steps;
    private final PrintStream progress;
    private final Thinking thinking;

    /** The thinking as the model takes it: its tokens and where each step ends among them. */
    private record Thinking(List<TokenInfo> tokens, int[] stepEnds, int[] stepStarts, boolean ownTokens) {
        int[] ids() {
            return tokens.stream().mapToInt(TokenInfo::id).toArray();
        }
    }

    ModelProbes(LoadedModel loaded, InspectSource source, List<TraceStep> steps, PrintStream progress) {
        this.loaded = loaded;
        this.source = source;
        this.steps = steps;
        this.progress = progress;
        this.thinking = thinking(loaded.text().codec(), loaded.config().vocabSize(), source.response(), steps);
    }

    /** Whether the recorded token ids were used (the trace came from this model). */
    boolean usesRecordedTokens() {
        return thinking.ownTokens();
    }

    Convergence converge(int answerTokens) throws Exception {
        int[] prompt = promptIds();
        String finalAnswer = AnswerExtractor.extract(source.response().answer());
        ProbeProgress bar = progressLine("convergence: step");
        try {
            return loaded.generator().probe(session -> new ConvergenceProbe(answerTokens,
                    ConvergenceProbe.FIRST_LINE_ANSWER).run(session, prompt, thinking.ids(), thinking.stepEnds(),
                    finalAnswer, bar)).result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            progress.println();
        }
    }

    /**
     * Resamples around the {@code count} steps with the highest mean surprisal (evenly spaced steps when the trace
     * has no probabilities).
     */
    Importance importance(int count, int samples, int budget) throws Exception {
        if (source.turns() == null) {
            throw new UsageException("--importance needs a conversation file: the output of ask --json holds the"
                    + " rendered prompt, not the messages to continue from");
        }
        List<StepImportance.StepRange> chosen = chosenSteps(count);
        StepImportance importance = new StepImportance(loaded.generator(), samples, budget,
                StepImportance.DEFAULT_ANSWER_TOKENS, AnswerExtractor::extract);
        progress.printf("importance: %d steps × %d continuations on each side, at most %,d tokens%n",
                chosen.size(), samples, importance.maxTokens(chosen.size()));
        String finalAnswer = AnswerExtractor.extract(source.response().answer());
        SamplingSettings sampling = source.sampling() == null ? SamplingSettings.r1Defaults() : source.sampling();
        try {
            return importance.run(source.turns(), sampling, thinking.tokens(), chosen, finalAnswer,
                    progressLine("importance: continuation"), () -> false);
        } finally {
            progress.println();
        }
    }

    /** A progress line redrawn in place on a terminal; on a pipe, one line at the end only. */
    private ProbeProgress progressLine(String what) {
        boolean terminal = Terminal.supportsStyles();
        return (done, total) -> {
            if (terminal) progress.printf("\r%s %d of %d", what, done, total);
            else if (done == total) progress.printf("%s %d of %d", what, done, total);
        };
    }

    private List<StepImportance.StepRange> chosenSteps(int count) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) indices.add(i);
        boolean surprisal = steps.stream().anyMatch(s -> !Double.isNaN(s.surprisalMean()));
        List<Integer> picked;
        if (surprisal) {
            picked = indices.stream().filter(i -> !Double.isNaN(steps.get(i).surprisalMean()))
                    .sorted(Comparator.comparingDouble((Integer i) -> -steps.get(i).surprisalMean()))
                    .limit(count).sorted().toList();
        } else {
            int n = Math.min(count, steps.size());
            picked = new ArrayList<>();
            for (int k = 0; k < n; k++) picked.add((int) ((long) k * steps.size() / n));
        }
        return picked.stream().map(i -> new StepImportance.StepRange(i, thinking.stepStarts()[i],
                thinking.stepEnds()[i])).toList();
    }

    private int[] promptIds() {
        PromptCodec codec = loaded.text().codec();
        if (source.turns() != null) {
            EncodedPrompt prompt = codec.encodeConversation(source.turns());
            return prompt.startsInThinking() ? prompt.ids() : TokenIds.concat(prompt.ids(), codec.encodeControl(R1Response.THINKING_START));
        }
        return codec.encodeControl(source.renderedPrompt());
    }

    private static Thinking thinking(PromptCodec codec, int vocabSize, InspectedResponse response,
                                     List<TraceStep> steps) {
        if (response.hasTokens() && isThisModels(codec, vocabSize, response) && steps.stream().allMatch(s -> s.tokens() != null)) {
            List<TokenInfo> tokens = response.tokens().thinkingInfos();
            int[] starts = steps.stream().mapToInt(s -> s.tokens().from()).toArray();
            int[] ends = steps.stream().mapToInt(s -> s.tokens().to()).toArray();
            return new Thinking(tokens, ends, starts, true);
        }
        List<TokenInfo> tokens = new ArrayList<>();
        int[] starts = new int[steps.size()];
        int[] ends = new int[steps.size()];
        String text = response.thinking();
        int from = 0;
        for (int s = 0; s < steps.size(); s++) {
            starts[s] = tokens.size();
            int to = steps.get(s).chars().to();
            for (int id : codec.encodeText(text.substring(from, to))) {
                tokens.add(new TokenInfo(id, codec.tokenText(id), Phase.THINKING, Float.NaN, Float.NaN, List.of()));
            }
            ends[s] = tokens.size();
            from = to;
        }
        return new Thinking(tokens, ends, starts, false);
    }

    private static boolean isThisModels(PromptCodec codec, int vocabSize, InspectedResponse response) {
        for (int i = 0; i < response.tokens().thinkingTokens(); i++) {
            InspectedToken t = response.tokens().get(i);
            if (t.id() < 0 || t.id() >= vocabSize || !codec.tokenText(t.id()).equals(t.text())) return false;
        }
        return true;
    }

}

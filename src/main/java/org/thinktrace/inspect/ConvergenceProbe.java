package org.thinktrace.inspect;

import org.thinktrace.chat.InterimAnswer;
import org.thinktrace.chat.Convergence;
import java.util.ArrayList;
import org.thinktrace.generate.GreedyContinuation;
import org.thinktrace.generate.TokenIds;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.UnaryOperator;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.PromptCodec;
import org.thinktrace.generate.TokenTextStream;
import org.thinktrace.text.R1Response;

/**
 * Answer-convergence probes (after "Answers often settle long before the thinking ends", arXiv 2506.02536, and
 * DEER's early exit, 2504.15895): at the end of every step of a thinking trace, force the end of thinking and let
 * the model answer greedily for at most {@code maxAnswerTokens} tokens; read the answer it would give there.
 *
 * <p>Cost: the prompt and the thinking are each run once, plus at most {@code maxAnswerTokens + 3} tokens per step
 * ({@link ModelSession#greedyAfterCuts}: where the model decodes branches, the steps' probes decode together, each
 * reading the cached trace up to its own boundary, one pass per token for all of them; otherwise one after another,
 * walking forward through the boundaries). At the end the cache holds the prompt and the whole thinking again, so a
 * following generation of the same conversation reuses it.
 *
 * <p>Runs inside {@link org.thinktrace.generate.Generator#probe}; checks {@link ModelSession#cancelled()} between
 * model calls and returns the steps it has, in order, when cancelled.
 */
public final class ConvergenceProbe {

    /** The default number of answer tokens read at each step. */
    public static final int DEFAULT_ANSWER_TOKENS = 24;

    /**
     * The usual reading of an interim answer: {@link AnswerExtractor} on the first line the model wrote after the
     * forced end of thinking, past a line that only heads the answer such as "**Final Answer**"
     * ({@link AnswerExtractor#firstAnswerLine}; a model cut off mid-thought often drifts back into reasoning on the
     * next line, whose numbers are not its answer).
     */
    public static final UnaryOperator<String> FIRST_LINE_ANSWER =
            text -> AnswerExtractor.extract(AnswerExtractor.firstAnswerLine(text));

    private final int maxAnswerTokens;
    private final UnaryOperator<String> normalise;

    /**
     * @param maxAnswerTokens the most answer tokens decoded at each step
     * @param normalise       turns answer text into a comparable answer ("" when there is none)
     */
    public ConvergenceProbe(int maxAnswerTokens, UnaryOperator<String> normalise) {
        if (maxAnswerTokens < 1) throw new IllegalArgumentException("answer tokens must be >= 1, got " + maxAnswerTokens);
        this.maxAnswerTokens = maxAnswerTokens;
        this.normalise = normalise;
    }

    /**
     * Probes every boundary.
     *
     * @param promptIds      the encoded conversation up to the start of the response (ending inside thinking)
     * @param thinkingIds    the thinking tokens of the response, in order
     * @param boundaries     for each step, the number of thinking tokens up to its end; non-decreasing, each at most
     *                       {@code thinkingIds.length}
     * @param finalAnswer    the response's normalised final answer
     */
    public Convergence run(ModelSession session, int[] promptIds, int[] thinkingIds, int[] boundaries,
                           String finalAnswer, ProbeProgress progress) {
        PromptCodec codec = session.codec();
        int[] end = codec.encodeControl(R1Response.THINKING_END);
        Set<Integer> eos = codec.eosIds();
        int previous = 0;
        int[] cuts = new int[boundaries.length];
        for (int step = 0; step < boundaries.length; step++) {
            int boundary = boundaries[step];
            if (boundary < previous || boundary > thinkingIds.length) {
                throw new IllegalArgumentException("step " + step + " ends at token " + boundary + ", after "
                        + previous + " and within " + thinkingIds.length);
            }
            previous = boundary;
            cuts[step] = promptIds.length + boundary;
        }
        int[] sequence = TokenIds.concat(promptIds, thinkingIds);
        int[] done = {0};
        List<GreedyContinuation> runs = session.greedyAfterCuts(sequence, cuts, end, maxAnswerTokens, eos,
                index -> progress.update(++done[0], boundaries.length));
        List<InterimAnswer> answers = new ArrayList<>(runs.size());
        for (int step = 0; step < runs.size(); step++) {
            answers.add(answer(codec, step, boundaries[step], TokenIds.concat(Arrays.copyOf(sequence, cuts[step]), end),
                    runs.get(step)));
        }
        boolean complete = runs.size() == boundaries.length;
        if (complete) {
            try {
                session.prefill(sequence);
            } catch (CancellationException e) {
                // every step was probed: the results stand, and the next generation prefills what the cache lacks
            }
        }
        // The thinking ends where its last step does: the end-of-thinking tag and the space before it are no thinking
        // that came after the settled step.
        int thinkingEnd = boundaries.length == 0 ? thinkingIds.length : boundaries[boundaries.length - 1];
        return Convergence.of(answers, finalAnswer, thinkingEnd, complete);
    }

    /** The interim answer of one step: the tokens written after {@code context} (the cut and the end of thinking). */
    private InterimAnswer answer(PromptCodec codec, int step, int boundary, int[] context, GreedyContinuation run) {
        TokenTextStream stream = codec.openStream(Arrays.copyOfRange(context, Math.max(0, context.length - 8),
                context.length));
        StringBuilder text = new StringBuilder();
        double probability = 1;
        int[] ids = run.ids();
        float[] probabilities = run.probabilities();
        for (int i = 0; i < ids.length; i++) {
            probability *= probabilities[i];
            text.append(stream.push(ids[i]));
        }
        text.append(stream.flush());
        String answerText = text.toString().strip();
        return new InterimAnswer(step, boundary, answerText, normalise.apply(answerText), probability);
    }

}

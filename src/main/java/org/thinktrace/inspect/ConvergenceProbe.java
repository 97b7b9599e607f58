package org.thinktrace.inspect;

import org.thinktrace.chat.InterimAnswer;
import org.thinktrace.chat.Convergence;
import java.util.ArrayList;
import org.thinktrace.generate.TokenIds;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.PromptCodec;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.Sampler;
import org.thinktrace.generate.TokenTextStream;
import org.thinktrace.text.R1Response;

/**
 * Answer-convergence probes (after "Answers often settle long before the thinking ends", arXiv 2506.02536, and
 * DEER's early exit, 2504.15895): at the end of every step of a thinking trace, force the end of thinking and let
 * the model answer greedily for at most {@code maxAnswerTokens} tokens; read the answer it would give there.
 *
 * <p>Cost: the prompt and the thinking are each run once, walking forward through the step boundaries (the cache
 * is truncated back to the boundary after each probe, so no prefix is ever recomputed), plus at most
 * {@code maxAnswerTokens + 3} decode steps per step. At the end the cache holds the prompt and the whole thinking
 * again, so a following generation of the same conversation reuses it.
 *
 * <p>Runs inside {@link org.thinktrace.generate.Generator#probe}; checks {@link ModelSession#cancelled()} between
 * steps and returns what it has when cancelled.
 */
public final class ConvergenceProbe {

    /** The default number of answer tokens read at each step. */
    public static final int DEFAULT_ANSWER_TOKENS = 24;

    /**
     * The usual reading of an interim answer: {@link AnswerExtractor} on the first line the model wrote after the
     * forced end of thinking (a model cut off mid-thought often drifts back into reasoning on the next line, whose
     * numbers are not its answer).
     */
    public static final UnaryOperator<String> FIRST_LINE_ANSWER =
            text -> AnswerExtractor.extract(text.strip().lines().findFirst().orElse(""));

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
        List<InterimAnswer> answers = new ArrayList<>(boundaries.length);
        boolean complete = true;
        int previous = 0;
        for (int step = 0; step < boundaries.length; step++) {
            int boundary = boundaries[step];
            if (boundary < previous || boundary > thinkingIds.length) {
                throw new IllegalArgumentException("step " + step + " ends at token " + boundary + ", after "
                        + previous + " and within " + thinkingIds.length);
            }
            previous = boundary;
            if (session.cancelled()) {
                complete = false;
                break;
            }
            int[] context = TokenIds.concat(promptIds, Arrays.copyOf(thinkingIds, boundary));
            session.prefill(context);
            int base = session.length();
            answers.add(answerAt(session, step, boundary, TokenIds.concat(context, end), end, eos));
            session.truncate(base);
            progress.update(step + 1, boundaries.length);
        }
        if (complete) session.prefill(TokenIds.concat(promptIds, thinkingIds));
        return Convergence.of(answers, finalAnswer, thinkingIds.length, complete);
    }

    private InterimAnswer answerAt(ModelSession session, int step, int boundary, int[] context, int[] end,
                                   Set<Integer> eos) {
        float[] logits = session.append(end);
        TokenTextStream stream = session.codec().openStream(Arrays.copyOfRange(context,
                Math.max(0, context.length - 8), context.length));
        Sampler greedy = new Sampler(SamplingSettings.greedy(), 1);
        StringBuilder text = new StringBuilder();
        double probability = 1;
        for (int i = 0; i < maxAnswerTokens; i++) {
            Sampler.Choice choice = greedy.sample(logits);
            if (eos.contains(choice.id())) break;
            probability *= choice.probability();
            text.append(stream.push(choice.id()));
            if (i + 1 == maxAnswerTokens || session.length() + 1 > session.contextLength()) break;
            logits = session.append(new int[] {choice.id()});
        }
        text.append(stream.flush());
        String answerText = text.toString().strip();
        return new InterimAnswer(step, boundary, answerText, normalise.apply(answerText), probability);
    }

}

package org.thinktrace.train;

/**
 * The text a training example is made of, exactly as the official R1-Distill chat template renders
 * the conversation with {@code add_generation_prompt} (the prompt ends in {@code <｜Assistant｜><think>\n}),
 * followed by the response the model must learn and the end-of-sentence token.
 *
 * <p>Earlier turns render as the template renders them: each user message after {@code <｜User｜>}, each
 * assistant message after {@code <｜Assistant｜>} with everything up to its last {@code </think>} dropped
 * (so {@code \n\n} and the final answer remain), then {@code <｜end▁of▁sentence｜>}. The prompt starts with
 * the template's {@code bos_token}. {@code R1ChatFormatTest} checks this against the template itself.
 */
final class R1ChatFormat {

    private static final String THINK_OPEN = R1SpecialToken.THINK.content() + "\n";
    private static final String THINK_CLOSE = "</think>";

    private R1ChatFormat() {
    }

    /** The rendered prompt for one first question, ending where the model starts writing. */
    static String prompt(String question) {
        return R1SpecialToken.BEGIN_OF_SENTENCE.content() + R1SpecialToken.USER.content() + question
                + R1SpecialToken.ASSISTANT.content() + THINK_OPEN;
    }

    /** The rendered prompt for {@code problem} after its earlier turns, ending where the model starts writing. */
    static String prompt(Problem problem) {
        StringBuilder s = new StringBuilder(R1SpecialToken.BEGIN_OF_SENTENCE.content());
        for (Problem.Exchange turn : problem.context()) {
            String response = turn.response();
            int close = response.lastIndexOf(THINK_CLOSE);
            String shown = close < 0 ? response : response.substring(close + THINK_CLOSE.length());
            s.append(R1SpecialToken.USER.content()).append(turn.question())
                    .append(R1SpecialToken.ASSISTANT.content()).append(shown)
                    .append(R1SpecialToken.END_OF_SENTENCE.content());
        }
        return s.append(R1SpecialToken.USER.content()).append(problem.question())
                .append(R1SpecialToken.ASSISTANT.content()).append(THINK_OPEN).toString();
    }

    /** What the model writes after {@link #prompt}: the response without its opening {@code <think>\n}, then EOS. */
    static String completion(Problem problem) {
        String response = problem.response();
        if (!response.startsWith(THINK_OPEN)) {
            throw new IllegalArgumentException("response of " + problem.key() + " does not open with <think>\\n");
        }
        return response.substring(THINK_OPEN.length()) + R1SpecialToken.END_OF_SENTENCE.content();
    }

    /** Prompt and completion together: one whole training text. */
    static String conversation(Problem problem) {
        return prompt(problem) + completion(problem);
    }
}

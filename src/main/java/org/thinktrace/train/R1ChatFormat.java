package org.thinktrace.train;

/**
 * The text a training example is made of, exactly as the R1-Distill chat template renders a single
 * user turn with {@code add_generation_prompt} (the prompt ends in {@code <｜Assistant｜><think>\n}),
 * followed by the response the model must learn and the end-of-sentence token.
 */
final class R1ChatFormat {

    private static final String THINK_OPEN = R1SpecialToken.THINK.content() + "\n";

    private R1ChatFormat() {
    }

    /** The rendered prompt for one user question, ending where the model starts writing. */
    static String prompt(String question) {
        return R1SpecialToken.BEGIN_OF_SENTENCE.content() + R1SpecialToken.USER.content() + question
                + R1SpecialToken.ASSISTANT.content() + THINK_OPEN;
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
        return prompt(problem.question()) + completion(problem);
    }
}

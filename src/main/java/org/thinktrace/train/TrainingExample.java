package org.thinktrace.train;

/**
 * One tokenised conversation: the prompt as the chat template renders it (ending in
 * {@code <think>\n}) followed by the teacher's completion and the end-of-sentence id. The loss is
 * taken on the completion only, positions {@code [promptLength, ids.length)}.
 *
 * @param ids          prompt ids then completion ids
 * @param promptLength how many of {@code ids} belong to the prompt
 */
public record TrainingExample(int[] ids, int promptLength) {

    public TrainingExample {
        if (promptLength < 1 || promptLength >= ids.length) {
            throw new IllegalArgumentException("an example needs a prompt and a completion: prompt " + promptLength
                    + " of " + ids.length + " ids");
        }
    }

    /** Number of ids. */
    public int length() {
        return ids.length;
    }

    /** Number of ids the loss is taken on: the completion, {@code [promptLength, ids.length)}. */
    public int completionLength() {
        return ids.length - promptLength;
    }
}

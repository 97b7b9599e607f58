package org.thinktrace.train;

/** What a later turn of a conversation asks. */
public enum FollowUpKind {
    /** A new problem of any family, unrelated to the turns before. */
    NEW_PROBLEM,
    /**
     * A problem built on the previous answer: arithmetic on it ("now subtract 128 from that"), or
     * another question about the same list ("and the largest?", "in descending order").
     */
    ON_THE_ANSWER,
    /**
     * "Are you sure?": the previous problem solved again and compared with the answer given, which is
     * kept when it was right and corrected when it was wrong.
     */
    ARE_YOU_SURE
}

package org.thinktrace.train;

/**
 * A problem solved but not yet asked: the teacher's trace and final answer, waiting for the question
 * that asks it (a phrasing of the family, or a follow-up that refers to an earlier answer).
 */
record Solution(String family, String key, Trace trace, String finalAnswer, String answer) {

    /** The problem asked as {@code asked}. */
    Problem askedAs(Phrasings.Asked asked) {
        return trace.toProblem(family, key, asked, finalAnswer, answer);
    }
}

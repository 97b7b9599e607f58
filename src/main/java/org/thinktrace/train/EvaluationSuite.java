package org.thinktrace.train;

import java.util.List;

/**
 * What a model is evaluated on, part by part (see {@link EvaluationPart}). A model trained by the
 * first edition of the teacher is evaluated on held-out problems only; the other parts are empty.
 */
public record EvaluationSuite(List<Problem> problems, List<Problem> heldOutPhrasings, List<Problem> followUps,
                              List<Problem> outOfScope) {

    public EvaluationSuite {
        problems = List.copyOf(problems);
        heldOutPhrasings = List.copyOf(heldOutPhrasings);
        followUps = List.copyOf(followUps);
        outOfScope = List.copyOf(outOfScope);
    }

    /** The problems of {@code part}. */
    public List<Problem> part(EvaluationPart part) {
        return switch (part) {
            case PROBLEMS -> problems;
            case HELD_OUT_PHRASINGS -> heldOutPhrasings;
            case FOLLOW_UPS -> followUps;
            case OUT_OF_SCOPE -> outOfScope;
        };
    }

    /** Questions in all parts together. */
    public int size() {
        return problems.size() + heldOutPhrasings.size() + followUps.size() + outOfScope.size();
    }
}

package org.thinktrace.train;

/** The parts of an evaluation, each with its own floor. */
public enum EvaluationPart {
    /** Held-out problems asked in training phrasings: the per-family table. */
    PROBLEMS("held-out problems"),
    /** Held-out problems asked in phrasings no training set contains. */
    HELD_OUT_PHRASINGS("held-out phrasings"),
    /** The last turn of conversations of two and three turns. */
    FOLLOW_UPS("follow-up turns"),
    /** Questions outside every family, which should be recognised and refused. */
    OUT_OF_SCOPE("out-of-scope questions recognised");

    private final String label;

    EvaluationPart(String label) {
        this.label = label;
    }

    /** How the part is named in tables. */
    public String label() {
        return label;
    }
}

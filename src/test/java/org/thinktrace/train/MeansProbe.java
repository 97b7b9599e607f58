package org.thinktrace.train;

/**
 * Asks a model the means, average speeds and sums of {@link Means} at greedy decoding, decoded together, and prints how
 * many it answers rightly per kind (a refusal for the speeds) and each miss. Arguments: model folder(s).
 */
public final class MeansProbe {

    private MeansProbe() {
    }

    public static void main(String[] args) throws Exception {
        QuestionSetRun.report(args, Means.questions());
    }
}

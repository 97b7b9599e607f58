package org.thinktrace.train;

/**
 * Asks a model the questions at its families' lower edges ({@link LowerEdges}) at greedy decoding, decoded together,
 * and prints how many it answers rightly per kind and each miss. Arguments: model folder(s).
 */
public final class LowerEdgesProbe {

    private LowerEdgesProbe() {
    }

    public static void main(String[] args) throws Exception {
        QuestionSetRun.report(args, LowerEdges.questions());
    }
}

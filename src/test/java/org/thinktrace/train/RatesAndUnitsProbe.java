package org.thinktrace.train;

/**
 * Asks a model rates and conversions between units that no family answers, and in-scope questions that share their
 * words ({@link RatesAndUnits}), at greedy decoding, decoded together, and prints how many it answers rightly per kind
 * (a refusal for the first) and each miss. Arguments: model folder(s).
 */
public final class RatesAndUnitsProbe {

    private RatesAndUnitsProbe() {
    }

    public static void main(String[] args) throws Exception {
        QuestionSetRun.report(args, RatesAndUnits.questions());
    }
}

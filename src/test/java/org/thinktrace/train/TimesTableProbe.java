package org.thinktrace.train;

/**
 * Asks a model the times table ({@link TimesTable}) at greedy decoding, decoded together, and prints how many it
 * answers rightly per phrasing and each miss. Arguments: model folder(s).
 */
public final class TimesTableProbe {

    private TimesTableProbe() {
    }

    public static void main(String[] args) throws Exception {
        QuestionSetRun.report(args, TimesTable.questions());
    }
}

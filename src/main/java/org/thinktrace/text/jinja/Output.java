package org.thinktrace.text.jinja;

import java.util.BitSet;

/** Rendered text so far, with the marks of the characters that came from marked input; bounded by the render's budget. */
final class Output {

    private final StringBuilder text = new StringBuilder();
    private final BitSet marks = new BitSet();
    private final RenderBudget budget;

    Output(RenderBudget budget) {
        this.budget = budget;
    }

    void append(Object value) {
        String shown = value instanceof MarkedString ? value.toString() : PyValues.str(value);
        budget.output((long) text.length() + shown.length());
        BitSet valueMarks = MarkedString.marksOf(value);
        for (int i = valueMarks.nextSetBit(0); i >= 0; i = valueMarks.nextSetBit(i + 1)) {
            marks.set(text.length() + i);
        }
        text.append(shown);
    }

    /** The output as a template value: a {@link MarkedString} when anything in it is marked. */
    Object value() {
        return marks.isEmpty() ? text.toString() : MarkedString.of(text.toString(), (BitSet) marks.clone());
    }

    String text() {
        return text.toString();
    }

    BitSet marks() {
        return (BitSet) marks.clone();
    }
}

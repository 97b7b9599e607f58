package org.thinktrace.train;

import java.util.List;

/**
 * Parts that the fourth edition composes training questions from ({@link Phrasings#withComposed}),
 * shared by the families of two operands: frames that ask a question or give an order around one
 * operation, several of them with words other families or the out-of-scope questions use ("who",
 * "write", "tell me", "equals?"), so that a model learns to read the operands and the operation
 * rather than one cue word.
 *
 * <p>None of these words is a value a family fills in, and none of the frames shares four words in a
 * row with a held-out template ({@code FourthEditionTeacherTest}).
 */
final class ComposedParts {

    /** Frames around one arithmetic operation ({@code {op}}, such as "{a} times {b}"). */
    static final List<String> ARITHMETIC_FRAMES = List.of(
            "What is {op}?",
            "what's {op}",
            "How much is {op}?",
            "{op} = ?",
            "{op} equals?",
            "{op} is what?",
            "Tell me {op}.",
            "Work out {op}.",
            "Give me {op}",
            "Who can tell me {op}?",
            "Write down {op}.",
            "I need {op}.",
            "Figure out {op}",
            "Do {op} for me.",
            "Answer this: {op}");

    private ComposedParts() {
    }
}

package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import org.thinktrace.text.R1Response;

/**
 * Collects the reasoning lines of one response and renders it in the {@link R1Response} layout:
 * {@code <think>\n} steps {@code \n</think>\n\n} final answer. A {@link #slip(String, String)} adds a
 * plausible wrong line followed by the line that notices it, and marks the trace as self-corrected.
 */
final class Trace {

    private final List<String> lines = new ArrayList<>();
    private boolean selfCorrected;

    /** Adds one reasoning line. */
    Trace step(String line) {
        lines.add(line);
        return this;
    }

    /** Adds each line in order. */
    Trace steps(List<String> more) {
        lines.addAll(more);
        return this;
    }

    /** Adds lines that contain a slip and its correction (one line starting with "Wait,"). */
    Trace stepsWithSlip(List<String> more) {
        if (more.stream().noneMatch(line -> line.startsWith("Wait,"))) {
            throw new IllegalArgumentException("a slip is noticed with 'Wait, …', none in: " + more);
        }
        lines.addAll(more);
        selfCorrected = true;
        return this;
    }

    /**
     * Adds a slip: the wrong line, then the line that notices it, which must start with "Wait,".
     * The caller then writes the correct step.
     */
    Trace slip(String wrongLine, String noticeLine) {
        if (!noticeLine.startsWith("Wait,")) {
            throw new IllegalArgumentException("a slip is noticed with 'Wait, …', got: " + noticeLine);
        }
        lines.add(wrongLine);
        lines.add(noticeLine);
        selfCorrected = true;
        return this;
    }

    /** Puts {@code line} before every line written so far. */
    Trace first(String line) {
        lines.add(0, line);
        return this;
    }

    /** The reasoning lines so far, joined by newlines. */
    String thinking() {
        return String.join("\n", lines);
    }

    /** Builds the problem whose response is these lines followed by {@code finalAnswer}. */
    Problem toProblem(String family, String key, Phrasings.Asked asked, String finalAnswer, String canonicalAnswer) {
        String response = new R1Response(thinking(), finalAnswer).text();
        return new Problem(family, key, asked.question(), response, canonicalAnswer, selfCorrected, asked.phrasing(),
                java.util.List.of());
    }
}

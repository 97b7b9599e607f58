package org.thinktrace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.thinktrace.files.AtomicFiles;
import org.thinktrace.train.EvaluationPart;
import org.thinktrace.train.EvaluationReport;
import org.thinktrace.train.Evaluator;
import org.thinktrace.train.Problem;

/**
 * The responses of an evaluation that missed, as JSON Lines ({@code thinktrace eval --misses FILE}): one object per
 * response that was wrong, ill-formed, or a refusal of an in-scope question, in the order evaluated, with the
 * decoding mode, the part and family, the phrasing template, the question, the earlier turns of a follow-up, the
 * teacher's answer, and the model's thinking and answer. What a teacher's next edition is worked out from.
 */
final class EvaluationMisses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationMisses() {
    }

    /** Whether {@code outcome} is written: wrong, ill-formed, or a refused in-scope question. */
    static boolean missed(Evaluator.Outcome outcome) {
        return !outcome.correct() || !outcome.wellFormed()
                || outcome.refused() && outcome.part() != EvaluationPart.OUT_OF_SCOPE;
    }

    /**
     * Writes the missed responses of {@code reports} to {@code file} (replaced as a whole: a crash while writing
     * leaves the earlier file) and returns how many were written.
     */
    static int write(Path file, List<EvaluationReport> reports) throws IOException {
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (EvaluationReport report : reports) {
            for (Evaluator.Outcome outcome : report.outcomes()) {
                if (!missed(outcome)) continue;
                lines.append(JSON.writeValueAsString(line(report.mode(), outcome))).append('\n');
                count++;
            }
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        return count;
    }

    private static ObjectNode line(String mode, Evaluator.Outcome outcome) {
        Problem problem = outcome.problem();
        ObjectNode node = JSON.createObjectNode();
        node.put("mode", mode);
        node.put("part", outcome.part().label());
        node.put("family", problem.family());
        node.put("phrasing", problem.phrasing());
        ArrayNode earlier = node.putArray("earlierTurns");
        for (Problem.Exchange turn : problem.context()) {
            earlier.addObject().put("question", turn.question()).put("response", turn.response());
        }
        node.put("question", problem.question());
        node.put("expected", problem.answer());
        node.put("correct", outcome.correct());
        node.put("wellFormed", outcome.wellFormed());
        node.put("refused", outcome.refused());
        node.put("thinking", outcome.thinking());
        node.put("answer", outcome.answer());
        return node;
    }
}

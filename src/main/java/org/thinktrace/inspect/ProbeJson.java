package org.thinktrace.inspect;

import org.thinktrace.chat.StepResampling;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.InterimAnswer;
import org.thinktrace.chat.Convergence;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON of the model probes, in the shape {@code thinktrace inspect --json} documents (docs/inspecting.md). */
public final class ProbeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProbeJson() {
    }

    /**
     * {@code {"steps": [{"step", "tokens", "answer", "text", "p"}], "settled_step", "after_settled_share",
     * "final_answer", "complete"}}; {@code settled_step} and {@code after_settled_share} are null when it never
     * settled.
     */
    public static ObjectNode convergence(Convergence c) {
        ObjectNode root = NODES.objectNode();
        ArrayNode steps = root.putArray("steps");
        for (InterimAnswer a : c.steps()) {
            steps.addObject().put("step", a.step()).put("tokens", a.tokenIndex()).put("answer", a.answer())
                    .put("text", a.text()).put("p", a.probability());
        }
        if (c.settledStep() < 0) {
            root.putNull("settled_step");
            root.putNull("after_settled_share");
        } else {
            root.put("settled_step", c.settledStep()).put("after_settled_share", c.afterSettledShare());
        }
        return root.put("final_answer", c.finalAnswer()).put("complete", c.complete());
    }

    /**
     * {@code {"steps": [{"step", "before", "after", "importance", "answers_before", "answers_after", "tokens"}],
     * "tokens", "complete"}}.
     */
    public static ObjectNode importance(Importance importance) {
        ObjectNode root = NODES.objectNode();
        ArrayNode steps = root.putArray("steps");
        for (StepResampling s : importance.steps()) {
            ObjectNode node = steps.addObject().put("step", s.step()).put("before", s.shareBefore())
                    .put("after", s.shareAfter()).put("importance", s.importance());
            s.answersBefore().forEach(node.putArray("answers_before")::add);
            s.answersAfter().forEach(node.putArray("answers_after")::add);
            node.put("tokens", s.tokens());
        }
        return root.put("tokens", importance.tokens()).put("complete", importance.complete());
    }
}

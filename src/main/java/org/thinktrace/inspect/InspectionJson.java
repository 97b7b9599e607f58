package org.thinktrace.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thinktrace.generate.TokenAlternative;

/**
 * Renders an inspection as the JSON object of {@code thinktrace inspect --json} (documented in
 * {@code docs/inspecting.md}). Keys are snake_case; a figure that is unknown (NaN) is {@code null}. The root is
 * an {@link ObjectNode} so that further analyses ({@code convergence}, {@code importance}) can be put beside
 * {@code steps}, {@code forks}, {@code loops}, {@code answer} and {@code comparison}.
 */
public final class InspectionJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InspectionJson() {
    }

    /** {@code {"steps": […], "forks": […], "loops": […], "answer": …}}. */
    public static ObjectNode render(TraceInspection inspection) {
        ObjectNode root = NODES.objectNode();
        ArrayNode steps = root.putArray("steps");
        for (TraceStep step : inspection.steps()) steps.add(step(step));
        ArrayNode forks = root.putArray("forks");
        for (Fork fork : inspection.forks()) forks.add(fork(fork));
        ArrayNode loops = root.putArray("loops");
        for (TraceLoop loop : inspection.loops()) loops.add(loop(loop));
        root.put("answer", inspection.answer());
        return root;
    }

    /** {@code root} with {@code "comparison"} set to {@code comparison}; returns {@code root}. */
    public static ObjectNode withComparison(ObjectNode root, TraceComparison comparison) {
        root.set("comparison", comparison(comparison));
        return root;
    }

    /** The text of {@code node}, pretty-printed. */
    public static String toText(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static ObjectNode step(TraceStep step) {
        ObjectNode node = NODES.objectNode()
                .put("index", step.index())
                .put("tag", step.tag().jsonName())
                .put("text", step.text());
        node.set("chars", span(step.chars()));
        node.set("tokens", step.tokens() == null ? NODES.nullNode() : span(step.tokens()));
        number(node, "surprisal_mean", step.surprisalMean());
        number(node, "surprisal_max", step.surprisalMax());
        number(node, "entropy_mean", step.entropyMean());
        return node;
    }

    static ObjectNode fork(Fork fork) {
        ObjectNode node = NODES.objectNode().put("token", fork.token()).put("text", fork.text());
        number(node, "p", fork.p());
        number(node, "entropy", fork.entropy());
        ArrayNode alternatives = node.putArray("alternatives");
        for (TokenAlternative a : fork.alternatives()) {
            ObjectNode alt = alternatives.addObject().put("text", a.text());
            number(alt, "p", a.probability());
        }
        return node;
    }

    static ObjectNode loop(TraceLoop loop) {
        ObjectNode node = NODES.objectNode().put("kind", loop.kind().jsonName()).put("text", loop.text())
                .put("count", loop.occurrences().size());
        ArrayNode occurrences = node.putArray("occurrences");
        for (TraceLoop.Occurrence o : loop.occurrences()) {
            occurrences.addObject().put("step", o.step()).set("chars", span(o.chars()));
        }
        return node;
    }

    static ObjectNode comparison(TraceComparison c) {
        ObjectNode node = NODES.objectNode();
        TraceComparison.Divergence d = c.divergence();
        if (d == null) {
            node.putNull("first_divergence");
        } else {
            ObjectNode div = node.putObject("first_divergence").put("token", d.token());
            side(div, "a", d.textA(), d.pA());
            side(div, "b", d.textB(), d.pB());
        }
        ArrayNode steps = node.putArray("steps");
        for (TraceComparison.StepPair pair : c.steps()) {
            ObjectNode row = steps.addObject().put("change", pair.change().jsonName());
            index(row, "a", pair.stepA());
            index(row, "b", pair.stepB());
            row.put("similarity", pair.similarity());
        }
        node.put("answer_a", c.answerA()).put("answer_b", c.answerB()).put("answers_agree", c.answersAgree());
        return node;
    }

    private static void side(ObjectNode div, String key, String text, float p) {
        if (text == null) {
            div.putNull(key);
        } else {
            number(div.putObject(key).put("text", text), "p", p);
        }
    }

    private static void index(ObjectNode row, String key, int index) {
        if (index < 0) row.putNull(key);
        else row.put(key, index);
    }

    private static ArrayNode span(Span span) {
        return NODES.arrayNode().add(span.from()).add(span.to());
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) node.putNull(key);
        else node.put(key, value);
    }

    private static void number(ObjectNode node, String key, float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) node.putNull(key);
        else node.put(key, value);
    }
}

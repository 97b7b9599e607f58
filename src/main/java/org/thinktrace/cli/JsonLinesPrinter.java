package org.thinktrace.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.TokenAlternative;

/**
 * Writes a generation as JSON lines, one object per line:
 * {@code {"type":"prompt","ids":[…],"text":"…"}}, then per generated token
 * {@code {"type":"token","id":…,"text":"…","phase":"thinking"|"answer","p":…,"top":[{"id":…,"text":"…","p":…}]}},
 * and last {@code {"type":"done","reason":"eos"|"length"|"stop"|"cancelled","thinking":"…","answer":"…","stats":{…}}}.
 * Stats keys are snake_case. A trimmed history is noted on {@code notes} (stderr); a failure writes nothing
 * here (the command reports it on stderr).
 */
final class JsonLinesPrinter implements Consumer<GenerationEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream notes;

    JsonLinesPrinter(PrintStream out, PrintStream notes) {
        this.out = out;
        this.notes = notes;
    }

    @Override
    public void accept(GenerationEvent event) {
        switch (event) {
            case GenerationEvent.PromptProcessed p -> write(prompt(p));
            case GenerationEvent.TokenInfo t -> write(token(t));
            case GenerationEvent.Finished f -> write(done(f));
            case GenerationEvent.ContextTrimmed t -> notes.printf(
                    "(left out the %d oldest turns: the conversation did not fit the context of %d tokens)%n",
                    t.droppedTurns(), t.contextLength());
            case GenerationEvent.ThinkingDelta d -> { }
            case GenerationEvent.AnswerDelta d -> { }
            case GenerationEvent.Failed f -> { }
        }
    }

    static ObjectNode prompt(GenerationEvent.PromptProcessed p) {
        ObjectNode node = JSON.createObjectNode().put("type", "prompt");
        ArrayNode ids = node.putArray("ids");
        for (int id : p.promptIds()) ids.add(id);
        return node.put("text", p.promptText());
    }

    static ObjectNode token(GenerationEvent.TokenInfo t) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", "token")
                .put("id", t.id())
                .put("text", t.text())
                .put("phase", t.phase().name().toLowerCase(java.util.Locale.ROOT))
                .put("p", t.probability())
                .put("entropy", t.entropy());
        ArrayNode top = node.putArray("top");
        for (TokenAlternative a : t.top()) {
            top.addObject().put("id", a.id()).put("text", a.text()).put("p", a.probability());
        }
        return node;
    }

    static ObjectNode done(GenerationEvent.Finished f) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", "done")
                .put("reason", f.reason().jsonName())
                .put("thinking", f.thinking())
                .put("answer", f.answer());
        if (f.thinkingUnfinished()) node.put("thinking_unfinished", true);
        if (f.thinkingForced()) node.put("thinking_forced", true);
        GenerationStats s = f.stats();
        node.putObject("stats")
                .put("prompt_tokens", s.promptTokens())
                .put("thinking_tokens", s.thinkingTokens())
                .put("answer_tokens", s.answerTokens())
                .put("generated_tokens", s.generatedTokens())
                .put("time_to_first_token_s", s.timeToFirstToken())
                .put("prefill_tokens_per_s", s.prefillTokensPerSecond())
                .put("decode_tokens_per_s", s.decodeTokensPerSecond())
                .put("thinking_s", s.thinkingSeconds())
                .put("total_s", s.totalSeconds());
        return node;
    }

    private void write(ObjectNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}

package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.testing.Fixture;
import org.thinktrace.testing.LoadedTokenizers;
import org.thinktrace.text.ModelTokenizer;
import org.thinktrace.text.RenderedPrompt;

class TokenizerCodecTest {

    static final Path STORIES = Fixture.inRepository("models/stories260K");
    static final Path R1 = Fixture.inRepository("tokenizers/deepseek-r1-distill-qwen");

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    @Test
    void rawPromptAndStreamedContinuationMatchTheStoriesReference() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(STORIES.resolve("reference_greedy.json").toFile())
                .get("prompt_once_upon_a_time");
        int[] promptIds = ints(ref.get("prompt_ids"));
        int[] allIds = ints(ref.get("ids"));
        String text = ref.get("text").asText();
        try (ModelTokenizer tokenizer = ModelTokenizer.load(STORIES)) {
            TokenizerCodec codec = new TokenizerCodec(tokenizer, (turns, variables) -> {
                throw new AssertionError("no template in raw mode");
            }, List.of());
            EncodedPrompt prompt = codec.encodeRaw("Once upon a time");
            assertArrayEquals(promptIds, prompt.ids());
            assertFalse(prompt.startsInThinking());

            TokenTextStream stream = codec.openStream(prompt.ids());
            StringBuilder continuation = new StringBuilder();
            for (int id : Arrays.copyOfRange(allIds, promptIds.length, allIds.length)) continuation.append(stream.push(id));
            continuation.append(stream.flush());
            assertEquals(text.substring("Once upon a time".length()), continuation.toString());
            assertTrue(codec.eosIds().contains(2));
        }
    }

    @Test
    void controlTextBecomesTheThinkTokenButUserContentNever() throws Exception {
        ModelTokenizer tokenizer = LoadedTokenizers.of(R1);
        TokenizerCodec codec = new TokenizerCodec(tokenizer, (turns, variables) -> new RenderedPrompt(
                "<｜User｜>" + turns.get(0).content() + "<｜Assistant｜><think>\n",
                List.of(new RenderedPrompt.Segment("<｜User｜>", false),
                        new RenderedPrompt.Segment(turns.get(0).content(), true),
                        new RenderedPrompt.Segment("<｜Assistant｜><think>\n", false)),
                true), List.of());
        int[] forced = codec.encodeControl(GenerationRun.FORCED_THINKING_END);
        assertTrue(Arrays.stream(forced).anyMatch(id -> id == 151649), Arrays.toString(forced));
        assertEquals(GenerationRun.FORCED_THINKING_END, tokenizer.decode(forced, true));

        EncodedPrompt prompt = codec.encodeConversation(List.of(org.thinktrace.text.ChatTurn.user("say </think>")));
        assertTrue(prompt.startsInThinking());
        assertEquals(1, Arrays.stream(prompt.ids()).filter(id -> id == 151648).count(), "only the template's <think>");
        assertFalse(Arrays.stream(prompt.ids()).anyMatch(id -> id == 151649), "typed </think> stays text");
        assertEquals(151646, prompt.ids()[0], "BOS first");
    }
}

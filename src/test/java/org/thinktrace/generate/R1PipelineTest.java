package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.thinktrace.testing.Fixture;
import org.thinktrace.testing.LoadedTokenizers;
import org.thinktrace.text.ChatTemplate;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.ModelTokenizer;

/**
 * The generator with the real R1-Distill tokenizer and chat template and a scripted model: the thinking
 * opened by the template, the real {@code </think>} token, multi-byte text and the thinking budget.
 */
class R1PipelineTest {

    static final int END_OF_SENTENCE = 151643;
    static final int END_THINK = 151649;

    @Test
    void thinkingAnswerAndBudgetWithTheRealTokenizer() throws Exception {
        ModelTokenizer tokenizer = LoadedTokenizers.of(TokenizerCodecTest.R1);
        ChatTemplate template = ChatTemplate.forTokenizer(tokenizer);
        TokenizerCodec codec = new TokenizerCodec(tokenizer, (turns, variables) -> template.render(turns, true, variables), List.of());
        int[] thought = tokenizer.encodePlain("Let me check: 17 × 23 = 391 ✓.\n");
        int[] answer = tokenizer.encodePlain("**391** 🎉");
        int[] script = Stream.of(thought, new int[] {END_THINK}, tokenizer.encodePlain("\n\n"), answer)
                .flatMapToInt(Arrays::stream).toArray();
        ScriptedModel model = new ScriptedModel(4096, tokenizer.vocabSize()).sayIds(script).endWith(END_OF_SENTENCE);
        try (Generator generator = new Generator(model, codec, "r1", "test", 0, () -> { })) {
            GenerationRequest request = new GenerationRequest(List.of(ChatTurn.user("What is 17 * 23?")),
                    SamplingSettings.greedy(), 200, 0, List.of());
            GeneratorTest.Recorder events = new GeneratorTest.Recorder();
            GenerationEvent.Finished done = (GenerationEvent.Finished) generator.start(request, events)
                    .done().get(30, TimeUnit.SECONDS);
            assertTrue(events.of(GenerationEvent.PromptProcessed.class).get(0).startsInThinking());
            assertEquals(FinishReason.EOS, done.reason());
            assertEquals("Let me check: 17 × 23 = 391 ✓.", done.thinking());
            assertEquals("**391** 🎉", done.answer());
            assertEquals(done.answer(), events.answer());
            assertEquals(thought.length + 1, done.stats().thinkingTokens(), "the thought and </think>");

            model.sayIds(thought).endWith(thought[0]);
            GenerationRequest budgeted = new GenerationRequest(List.of(ChatTurn.user("What is 17 * 23?")),
                    SamplingSettings.greedy(), 30, 4, List.of());
            GeneratorTest.Recorder budgetEvents = new GeneratorTest.Recorder();
            GenerationEvent.Finished forced = (GenerationEvent.Finished) generator.start(budgeted, budgetEvents)
                    .done().get(30, TimeUnit.SECONDS);
            assertTrue(forced.thinkingForced());
            assertFalse(forced.thinkingUnfinished());
            assertEquals(tokenizer.decode(Arrays.copyOf(thought, 4), true).strip(), forced.thinking());
            assertTrue(budgetEvents.of(GenerationEvent.TokenInfo.class).stream().anyMatch(t -> t.id() == END_THINK),
                    "the real </think> token was inserted");
            assertEquals(FinishReason.LENGTH, forced.reason());
        }
    }
}

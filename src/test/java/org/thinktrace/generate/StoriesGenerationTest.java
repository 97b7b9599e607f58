package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.testing.Fixture;

/** The real trained stories260K model through the whole pipeline: greedy raw completion equals llama2.c's. */
class StoriesGenerationTest {

    @Test
    void rawGreedyCompletionReproducesTheReferenceIdsAndText() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(TokenizerCodecTest.STORIES.resolve("reference_greedy.json").toFile())
                .get("prompt_once_upon_a_time");
        int[] all = TokenizerCodecTest.ints(ref.get("ids"));
        int promptLength = ref.get("prompt_ids").size();
        int[] expected = Arrays.copyOfRange(all, promptLength, promptLength + 20); // the CLI test checks all 60

        List<long[]> weightProgress = new ArrayList<>();
        List<LoadProgress.Stage> stages = new ArrayList<>();
        try (LoadedModel bundle = ModelSource.at(TokenizerCodecTest.STORIES).load(LoadOptions.defaults(),
                (stage, done, total) -> {
                    stages.add(stage);
                    if (stage == LoadProgress.Stage.WEIGHTS) weightProgress.add(new long[] {done, total});
                })) {
            assertEquals(LoadProgress.Stage.READY, stages.get(stages.size() - 1));
            long[] last = weightProgress.get(weightProgress.size() - 1);
            assertEquals(last[1], last[0], "all checkpoint bytes read");
            assertEquals(512, bundle.generator().contextLength());
            assertEquals(ModelConfigLoader.load(TokenizerCodecTest.STORIES), bundle.config());
            assertEquals(List.of(TokenizerCodecTest.STORIES.resolve("model.safetensors")), bundle.weightFiles());
            assertEquals("stories260K", bundle.name());

            GeneratorTest.Recorder events = new GeneratorTest.Recorder();
            GenerationEvent done = bundle.generator().complete(new CompletionRequest("Once upon a time",
                    SamplingSettings.greedy(), expected.length, List.of()), events).done().get(120, TimeUnit.SECONDS);
            GenerationEvent.Finished finished = (GenerationEvent.Finished) done;
            int[] generated = events.of(GenerationEvent.TokenInfo.class).stream()
                    .mapToInt(GenerationEvent.TokenInfo::id).toArray();
            assertArrayEquals(expected, generated);
            assertEquals(FinishReason.LENGTH, finished.reason());
            assertTrue(ref.get("text").asText().startsWith("Once upon a time" + finished.answer()), finished.answer());
            assertArrayEquals(TokenizerCodecTest.ints(ref.get("prompt_ids")),
                    events.of(GenerationEvent.PromptProcessed.class).get(0).promptIds());
            assertTrue(finished.stats().decodeTokensPerSecond() > 0);
        }
    }

    @Test
    void interruptingTheLoadingThreadCancelsTheLoad() {
        try {
            assertThrows(CancellationException.class, () -> ModelSource.at(TokenizerCodecTest.STORIES).load(
                    LoadOptions.defaults(), (stage, done, total) -> {
                        if (stage == LoadProgress.Stage.WEIGHTS) Thread.currentThread().interrupt();
                    }));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
        } finally {
            Thread.interrupted();
        }
    }
}

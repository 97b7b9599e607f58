package org.thinktrace.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thinktrace.serve.HttpCalls.chat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thinktrace.testing.ServedBundledModel;
import org.thinktrace.generate.GenerationEvent;

/**
 * A sampled request (temperature, top-p, a seed) streamed by {@code thinktrace serve} from the bundled model is,
 * byte for byte (its random id and its time aside), the same request generated locally with the same seed and
 * written one chunk per event as it arrived, followed by {@code [DONE]}: how the server hands the tokens to its
 * HTTP thread and how many chunks it writes at once change nothing that the client receives. Skips when the
 * bundled model is absent.
 */
class SeededStreamTest {

    private static ServedBundledModel served;

    @BeforeAll
    static void load() throws Exception {
        served = ServedBundledModel.start();
    }

    @AfterAll
    static void close() {
        if (served != null) served.close();
    }

    @Test
    void aSeededStreamEqualsTheLocalGenerationWrittenChunkByChunk() throws Exception {
        String body = chat(served.generator().modelName(), "Sort these numbers: 42, 7, 19, 3.",
                "\"stream\":true,\"temperature\":0.9,\"top_p\":0.95,\"seed\":11,\"max_tokens\":160,"
                        + "\"logprobs\":true,\"top_logprobs\":3,\"stream_options\":{\"include_usage\":true}");
        ChatCall call = new ChatCallParser(HttpCalls.JSON, ServeLimits.defaults())
                .parse(body.getBytes(StandardCharsets.UTF_8));
        // the prompt cache decides whether the prompt is computed anew or reused, which changes the last digits of
        // the probabilities: a first local run leaves it as each of the two compared runs then finds it
        generateLocally(call);
        HttpResponse<String> stream = new HttpCalls(served.server().port(), null).post("/v1/chat/completions", body);
        assertEquals(200, stream.statusCode(), stream.body());
        List<GenerationEvent> events = generateLocally(call);
        CompletionAssembler assembler = new CompletionAssembler(HttpCalls.JSON, "chatcmpl-" + "0".repeat(32), 0,
                served.generator().modelName(), call, ReasoningField.REASONING_CONTENT);
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        try (JsonGenerator chunks = assembler.eventWriter(local)) {
            for (GenerationEvent event : events) {
                assembler.accept(event, chunks);
                chunks.flush();
            }
        }
        String expected = local.toString(StandardCharsets.UTF_8) + "data: [DONE]\n\n";

        assertTrue(events.stream().filter(e -> e instanceof GenerationEvent.TokenInfo).count() > 50,
                "the sampled generation is long enough to stream many chunks");
        assertEquals(ServeHttpTest.withoutIdAndTime(expected), ServeHttpTest.withoutIdAndTime(stream.body()));
    }

    private static List<GenerationEvent> generateLocally(ChatCall call) throws Exception {
        List<GenerationEvent> events = Collections.synchronizedList(new ArrayList<>());
        assertInstanceOf(GenerationEvent.Finished.class,
                served.generator().start(call.request(), events::add).done().get(120, TimeUnit.SECONDS));
        return events;
    }
}

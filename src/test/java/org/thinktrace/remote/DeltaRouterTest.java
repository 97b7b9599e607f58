package org.thinktrace.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tags in {@code content} split anywhere between chunks, as a server's tokens split them. */
class DeltaRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The thinking and the answer that {@code contents}, streamed as one chunk each, are split into. */
    private static List<String> route(String... contents) throws Exception {
        RemoteGeneratorTest.Events events = new RemoteGeneratorTest.Events();
        DeltaRouter router = new DeltaRouter(events);
        for (String content : contents) {
            router.accept(RemoteChunk.of(JSON.readTree(RemoteGeneratorTest.chunk(
                    RemoteGeneratorTest.field("content", content), null, null))));
        }
        router.finish();
        return List.of(events.thinking(), events.answer());
    }

    @Test
    void aClosingTagSplitAcrossChunksEndsTheThinkingWhoseOpeningTagTheTemplateWrote() throws Exception {
        assertEquals(List.of("Let me think about it.", "The answer"),
                route("Let me think", " about it.</th", "ink>", "The answer"));
        assertEquals(List.of("a", "b"), route("a<", "/", "t", "h", "i", "n", "k", ">b"));
    }

    @Test
    void anOpeningTagSplitAcrossChunksAfterBlankLinesOpensTheThinking() throws Exception {
        assertEquals(List.of("x", "y"), route("\n\n  <thi", "nk>x</think>y"));
    }

    @Test
    void contentWithoutTagsIsTheAnswer() throws Exception {
        assertEquals(List.of("", "Just an answer with a < sign."), route("Just an answer", " with a < sign."));
    }
}

package org.thinktrace.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of the HTML standard's section on server-sent events, and the line-ending rules. */
class SseReaderTest {

    private static List<SseEvent> read(String stream) throws Exception {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent e; (e = reader.next()) != null; ) out.add(e);
        return out;
    }

    @Test
    void joinsDataLinesAndSkipsComments() throws Exception {
        // the standard's stock-ticker example: a comment, a two-line event, and one event per data line
        List<SseEvent> events = read(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n");
        assertEquals(List.of(new SseEvent("message", "first event", "1"), new SseEvent("message", "second event", ""),
                new SseEvent("message", " third event", "")), events);
        assertEquals(List.of(new SseEvent("message", "YHOO\n+2\n10", "")), read("data: YHOO\ndata: +2\ndata: 10\n\n"));
    }

    @Test
    void handlesEveryLineEndingAByteOrderMarkAndEventTypes() throws Exception {
        assertEquals(List.of(new SseEvent("add", "a\nb", ""), new SseEvent("message", "c", "")),
                read("\uFEFFevent: add\r\ndata: a\rdata: b\r\n\r\ndata: c\n\n"));
    }

    @Test
    void ignoresEventsWithoutDataAndAnUnfinishedLastEvent() throws Exception {
        assertEquals(List.of(new SseEvent("message", "", "")), read("data\n\nevent: ping\n\ndata: cut off"));
        assertNull(new SseReader(new ByteArrayInputStream(new byte[0])).next());
    }

    @Test
    void keepsMultiByteCharactersWhole() throws Exception {
        assertEquals("思考 🤔", read("data: 思考 🤔\n\n").get(0).data());
    }
}

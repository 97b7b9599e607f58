package org.thinktrace.remote;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} as the HTML standard's "interpreting an event stream" describes: UTF-8,
 * lines ended by CR, LF or CRLF, a leading byte-order mark ignored, {@code :} comments skipped, one optional
 * space after the colon removed, {@code data} lines joined with LF, an event dispatched at a blank line (none
 * when it has no data), and an unfinished event at the end of the stream discarded. {@code retry} is ignored.
 * Not thread-safe; to stop a read blocked in another thread, close the underlying stream.
 */
public final class SseReader implements Closeable {

    private final BufferedReader reader;
    private final StringBuilder data = new StringBuilder();
    private String type = "";
    private String lastId = "";
    private boolean first = true;
    private final Runnable onLine;

    public SseReader(InputStream in) {
        this(in, () -> { });
    }

    /**
     * A reader that runs {@code onLine} after every line it reads, comments and blank lines included: a server's
     * keep-alive comments (": ping") are signs of life although they carry no event.
     */
    public SseReader(InputStream in, Runnable onLine) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.onLine = onLine;
    }

    /** The next event, or null at the end of the stream. */
    public SseEvent next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            onLine.run();
            if (first) {
                first = false;
                if (line.startsWith("\uFEFF")) line = line.substring(1);
            }
            if (line.isEmpty()) {
                SseEvent event = dispatch();
                if (event != null) return event;
                continue;
            }
            if (line.startsWith(":")) continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "data" -> data.append(value).append('\n');
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) lastId = value;
                }
                default -> { } // "retry" and unknown fields
            }
        }
        return null;
    }

    private SseEvent dispatch() {
        String eventType = type.isEmpty() ? "message" : type;
        type = "";
        if (data.isEmpty()) return null;
        data.setLength(data.length() - 1); // the last line feed
        SseEvent event = new SseEvent(eventType, data.toString(), lastId);
        data.setLength(0);
        return event;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

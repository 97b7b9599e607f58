package org.thinktrace.remote;

/**
 * One server-sent event.
 *
 * @param type the {@code event:} field, "message" when absent
 * @param data the {@code data:} lines joined with line feeds
 * @param id   the last {@code id:} seen, "" when none
 */
public record SseEvent(String type, String data, String id) {
}

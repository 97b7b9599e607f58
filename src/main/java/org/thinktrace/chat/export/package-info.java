/**
 * Exports of a conversation for people and programs: {@link org.thinktrace.chat.export.MarkdownExport} (the
 * conversation as shown, thinking in {@code <details>} blocks) and {@link org.thinktrace.chat.export.TraceExport}
 * (every version with its full token trace, settings and model, enough to replay it).
 */
package org.thinktrace.chat.export;

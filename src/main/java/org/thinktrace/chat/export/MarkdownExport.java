package org.thinktrace.chat.export;

import java.util.regex.Pattern;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.Message;
import org.thinktrace.chat.UserMessage;

/**
 * A conversation as Markdown, the way Jan and Open WebUI export chats: a heading per turn, each response's selected
 * version with its thinking folded in a {@code <details><summary>Thinking</summary>…</details>} block before the
 * answer (a {@code </details>} in the thinking is written {@code &lt;/details>}, so it cannot end the block early).
 * A response with several versions says which one is shown; a stopped or failed one says so.
 */
public final class MarkdownExport {

    private static final Pattern CLOSING_TAG = Pattern.compile("<(/details)", Pattern.CASE_INSENSITIVE);

    private MarkdownExport() {
    }

    public static String render(Conversation conversation) {
        StringBuilder md = new StringBuilder("# ").append(oneLine(conversation.title())).append("\n");
        for (Message m : conversation.messages()) {
            switch (m) {
                case UserMessage u -> md.append("\n### User\n\n").append(u.text().strip()).append("\n");
                case AssistantMessage a -> assistant(md, a);
            }
        }
        return md.toString();
    }

    private static void assistant(StringBuilder md, AssistantMessage a) {
        AssistantVersion v = a.current();
        md.append("\n### Assistant\n\n");
        if (a.versions().size() > 1) {
            md.append("_Version ").append(a.selected() + 1).append(" of ").append(a.versions().size());
            if (v.origin() != null) md.append(", ").append(v.origin().label());
            md.append("_\n\n");
        }
        if (!v.thinking().isBlank()) {
            md.append("<details>\n<summary>Thinking</summary>\n\n").append(withoutClosingTag(v.thinking().strip()))
                    .append("\n\n</details>\n\n");
        }
        if (!v.answer().isBlank()) md.append(v.answer().strip()).append("\n");
        switch (v.state()) {
            case STOPPED -> md.append(v.answer().isBlank() ? "" : "\n").append("_Stopped before the end._\n");
            case FAILED -> md.append(v.answer().isBlank() ? "" : "\n").append("_Failed: ")
                    .append(oneLine(v.error() == null ? "unknown error" : v.error())).append("_\n");
            case IN_PROGRESS -> md.append(v.answer().isBlank() ? "" : "\n").append("_Still being generated._\n");
            case COMPLETE -> { }
        }
    }

    /** The thinking with any {@code </details>} in it shown, not read as the end of its block. */
    private static String withoutClosingTag(String thinking) {
        return CLOSING_TAG.matcher(thinking).replaceAll("&lt;$1");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}

package org.thinktrace.chat.export;

import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.Message;
import org.thinktrace.chat.UserMessage;

/**
 * A conversation as Markdown, the way Jan and Open WebUI export chats: a heading per turn, each response's selected
 * version with its thinking folded in a {@code <details><summary>Thinking</summary>…</details>} block before the
 * answer. A response with several versions says which one is shown; a stopped or failed one says so.
 */
public final class MarkdownExport {

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
            md.append("<details>\n<summary>Thinking</summary>\n\n").append(v.thinking().strip())
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

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}

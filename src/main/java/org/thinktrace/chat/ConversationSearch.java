package org.thinktrace.chat;

import java.util.Optional;

/**
 * Where a conversation matches a search, for the conversation list: the first match in its messages, in order
 * (a user message's text; a response's shown version, thinking before answer), as a {@link TextSearch.Snippet}.
 */
public final class ConversationSearch {

    private ConversationSearch() {
    }

    /**
     * The snippet around the first match of {@code needle} (ignoring case) in {@code conversation}'s messages; empty
     * when only the title matches, or nothing does.
     */
    public static Optional<TextSearch.Snippet> snippet(Conversation conversation, String needle) {
        for (Message m : conversation.messages()) {
            Optional<TextSearch.Snippet> found = switch (m) {
                case UserMessage u -> in(u.text(), needle);
                case AssistantMessage a -> in(a.current().thinking(), needle).or(() -> in(a.current().answer(), needle));
            };
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static Optional<TextSearch.Snippet> in(String text, String needle) {
        int at = TextSearch.first(text, needle);
        return at < 0 ? Optional.empty()
                : Optional.of(TextSearch.snippet(text, at, at + needle.length(), TextSearch.SNIPPET_WORDS));
    }
}

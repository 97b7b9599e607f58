package org.thinktrace.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.thinktrace.text.ChatTurn;

/**
 * One conversation: a title and its messages, user and assistant alternating. Immutable; the {@code with…}
 * methods return changed copies with {@code updatedAt} set. Its file format is not this record's shape but
 * {@link org.thinktrace.chat.store.ConversationFormat}'s.
 *
 * @param schemaVersion the file format version it was read as, after any upgrade ({@link #SCHEMA_VERSION})
 * @param id            file-name-safe unique id
 * @param title         shown in the conversation list
 * @param createdAt     epoch milliseconds
 * @param updatedAt     epoch milliseconds of the last change
 * @param messages      oldest first
 */
public record Conversation(int schemaVersion, String id, String title, long createdAt, long updatedAt,
                           List<Message> messages) {

    /** The format this build writes (see {@link org.thinktrace.chat.store.ConversationFormat#VERSION}). */
    public static final int SCHEMA_VERSION = org.thinktrace.chat.store.ConversationFormat.VERSION;

    /** The title of a conversation nobody has written in yet. */
    public static final String UNTITLED = "New chat";

    public Conversation {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9-]{1,64}")) throw new IllegalArgumentException("conversation id '" + id + "' is not file-name safe");
        Objects.requireNonNull(title, "title");
        messages = List.copyOf(messages);
    }

    public static Conversation start(long now) {
        return new Conversation(SCHEMA_VERSION, UUID.randomUUID().toString(), UNTITLED, now, now, List.of());
    }

    public Conversation withTitle(String newTitle, long now) {
        return new Conversation(schemaVersion, id, newTitle, createdAt, now, messages);
    }

    public Conversation withMessages(List<Message> newMessages, long now) {
        return new Conversation(schemaVersion, id, title, createdAt, now, newMessages);
    }

    /** A copy with {@code message} added last. */
    public Conversation withAppended(Message message, long now) {
        List<Message> all = new ArrayList<>(messages);
        all.add(message);
        return withMessages(all, now);
    }

    /** A copy with the message of the same id replaced by {@code message}. */
    public Conversation withReplaced(Message message, long now) {
        int index = indexOf(message.id());
        List<Message> all = new ArrayList<>(messages);
        all.set(index, message);
        return withMessages(all, now);
    }

    /** Whether a message with this id is in the conversation. */
    public boolean hasMessage(String messageId) {
        return messages.stream().anyMatch(m -> m.id().equals(messageId));
    }

    /** Position of the message with this id; throws when there is none. */
    public int indexOf(String messageId) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id().equals(messageId)) return i;
        }
        throw new IllegalArgumentException("conversation " + id + " has no message " + messageId);
    }

    /** The message with this id; throws when there is none. */
    public Message message(String messageId) {
        return messages.get(indexOf(messageId));
    }

    /**
     * The first {@code count} messages as chat-template turns, after an optional system prompt (blank = none).
     * Assistant turns carry their selected version's thinking and answer (see {@link AssistantVersion#templateContent()}).
     */
    public List<ChatTurn> turns(int count, String systemPrompt) {
        return turns(count, systemPrompt, null);
    }

    /**
     * The first {@code count} messages as chat-template turns, as {@link #turns(int, String)} but with the assistant
     * turns' versions given: the {@code k}-th response among them carries version {@code versions.get(k)} (as
     * {@link AssistantVersion#contextVersions} records them). When {@code versions} is null, or does not fit these
     * messages (another count, a version that does not exist), the selected versions are used.
     */
    public List<ChatTurn> turns(int count, String systemPrompt, List<Integer> versions) {
        List<Message> earlier = messages.subList(0, count);
        boolean fits = versions != null && fits(earlier, versions);
        List<ChatTurn> turns = new ArrayList<>();
        if (systemPrompt != null && !systemPrompt.isBlank()) turns.add(ChatTurn.system(systemPrompt));
        int response = 0;
        for (Message m : earlier) {
            turns.add(switch (m) {
                case UserMessage u -> ChatTurn.user(u.text());
                case AssistantMessage a -> ChatTurn.assistant((fits ? a.versions().get(versions.get(response++))
                        : a.current()).templateContent());
            });
        }
        return turns;
    }

    /**
     * {@code wanted} when it names a version of each response among the first {@code count} messages (see
     * {@link #turns(int, String, List)}), else their selected versions.
     */
    public List<Integer> versionsOr(int count, List<Integer> wanted) {
        return wanted != null && fits(messages.subList(0, count), wanted) ? List.copyOf(wanted) : selectedVersions(count);
    }

    /** For each response among the first {@code count} messages, in order, the index of its selected version. */
    public List<Integer> selectedVersions(int count) {
        List<Integer> selected = new ArrayList<>();
        for (Message m : messages.subList(0, count)) {
            if (m instanceof AssistantMessage a) selected.add(a.selected());
        }
        return selected;
    }

    private static boolean fits(List<Message> earlier, List<Integer> versions) {
        int response = 0;
        for (Message m : earlier) {
            if (!(m instanceof AssistantMessage a)) continue;
            if (response >= versions.size()) return false;
            int index = versions.get(response++);
            if (index < 0 || index >= a.versions().size()) return false;
        }
        return response == versions.size();
    }

    /**
     * Whether the title or a message (a response's shown version, thinking and answer) holds {@code needle}, ignoring
     * case as {@link TextSearch} does, so the conversation list and the search inside a conversation agree.
     */
    public boolean contains(String needle) {
        if (TextSearch.first(title, needle) >= 0) return true;
        for (Message m : messages) {
            boolean found = switch (m) {
                case UserMessage u -> TextSearch.first(u.text(), needle) >= 0;
                case AssistantMessage a -> TextSearch.first(a.current().thinking(), needle) >= 0
                        || TextSearch.first(a.current().answer(), needle) >= 0;
            };
            if (found) return true;
        }
        return false;
    }

    /** This conversation with every in-progress response marked stopped (after the app ended mid-generation). */
    public Conversation recoveredAfterInterruption() {
        return new Conversation(schemaVersion, id, title, createdAt, updatedAt, messages.stream()
                .map(m -> m instanceof AssistantMessage a ? (Message) a.recoveredAfterInterruption() : m)
                .toList());
    }
}

package org.thinktrace.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The assistant's response to the user message before it, with every version regenerating produced
 * ("‹ 2/3 ›"). Immutable: the {@code with…} methods return changed copies.
 *
 * @param id           unique within the conversation
 * @param versions     at least one, oldest first
 * @param selected     index of the version shown and sent back to the model in later turns
 * @param thinkingOpen whether the thinking pane of this message is open
 */
public record AssistantMessage(String id, List<AssistantVersion> versions, int selected, boolean thinkingOpen)
        implements Message {

    public AssistantMessage {
        Objects.requireNonNull(id, "id");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) throw new IllegalArgumentException("assistant message " + id + " has no versions");
        if (selected < 0 || selected >= versions.size()) {
            throw new IllegalArgumentException("assistant message " + id + ": selected version " + selected
                    + " is not in 0.." + (versions.size() - 1));
        }
    }

    /** The version shown. */
    public AssistantVersion current() {
        return versions.get(selected);
    }

    /** A copy with {@code version} added last and selected. */
    public AssistantMessage withAddedVersion(AssistantVersion version) {
        List<AssistantVersion> all = new ArrayList<>(versions);
        all.add(version);
        return new AssistantMessage(id, all, all.size() - 1, thinkingOpen);
    }

    /** A copy with the selected version replaced by {@code version}. */
    public AssistantMessage withCurrent(AssistantVersion version) {
        return withVersion(selected, version);
    }

    /** A copy with version {@code index} replaced by {@code version}; the selection is kept. */
    public AssistantMessage withVersion(int index, AssistantVersion version) {
        List<AssistantVersion> all = new ArrayList<>(versions);
        all.set(index, version);
        return new AssistantMessage(id, all, selected, thinkingOpen);
    }

    public AssistantMessage withSelected(int index) {
        return new AssistantMessage(id, versions, index, thinkingOpen);
    }

    public AssistantMessage withThinkingOpen(boolean open) {
        return new AssistantMessage(id, versions, selected, open);
    }

    /** This message with every in-progress version turned into a stopped one (see {@link AssistantVersion#recoveredAfterInterruption()}). */
    public AssistantMessage recoveredAfterInterruption() {
        return new AssistantMessage(id, versions.stream().map(AssistantVersion::recoveredAfterInterruption).toList(),
                selected, thinkingOpen);
    }
}

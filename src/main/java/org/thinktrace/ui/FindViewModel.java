package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.thinktrace.chat.TextSearch;

/**
 * Find in the open conversation (Ctrl+F): every case-insensitive match of the query in the responses' thinking
 * and answers (the answer's Markdown source), in transcript order (a response's thinking before its answer), the
 * current match ("3 of 12"), and stepping through them with wrap-around. Going to a match inside a closed thinking
 * pane opens the pane.
 *
 * <p>The matches are found again whenever the query, the transcript or a response's text changes, while the bar is
 * open; a closed bar costs nothing. Changed on the FX thread only.
 */
public final class FindViewModel {

    /** Which text of a response a match is in. */
    public enum Part { THINKING, ANSWER }

    /**
     * One match.
     *
     * @param messageId the response
     * @param part      its thinking or its answer
     * @param from      first character of the match in that text
     * @param to        the character after it
     */
    public record Match(String messageId, Part part, int from, int to) {
    }

    private final ObservableList<MessageViewModel> transcript;
    private final BooleanProperty open = new SimpleBooleanProperty();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Match> matches = FXCollections.observableArrayList();
    private final ObservableList<Match> matchesView = FXCollections.unmodifiableObservableList(matches);
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<Match> currentMatch = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final InvalidationListener textChanged = obs -> refind(false);
    private final Map<AssistantMessageViewModel, Boolean> watched = new IdentityHashMap<>();

    FindViewModel(ObservableList<MessageViewModel> transcript) {
        this.transcript = transcript;
        transcript.addListener((ListChangeListener<MessageViewModel>) change -> {
            watch();
            refind(false);
        });
        query.addListener((obs, old, now) -> refind(true));
        open.addListener((obs, was, now) -> {
            watch();
            refind(true);
        });
    }

    /** Opens the bar (its query is kept from the last time). */
    void openBar() {
        open.set(true);
    }

    /** Closes the bar and clears the highlights. */
    void close() {
        open.set(false);
    }

    /** Goes to the next match, after the last back to the first. */
    void next() {
        step(+1);
    }

    /** Goes to the previous match, before the first round to the last. */
    void previous() {
        step(-1);
    }

    private void step(int by) {
        int n = matches.size();
        if (n == 0) return;
        select(current.get() < 0 ? (by > 0 ? 0 : n - 1) : Math.floorMod(current.get() + by, n));
    }

    /** Listens to the texts of the transcript's responses while the bar is open, and to none while it is closed. */
    private void watch() {
        List<AssistantMessageViewModel> now = new ArrayList<>();
        if (open.get()) for (MessageViewModel m : transcript) if (m instanceof AssistantMessageViewModel a) now.add(a);
        for (AssistantMessageViewModel gone : List.copyOf(watched.keySet())) {
            if (!now.contains(gone)) {
                gone.thinkingProperty().removeListener(textChanged);
                gone.answerProperty().removeListener(textChanged);
                watched.remove(gone);
            }
        }
        for (AssistantMessageViewModel a : now) {
            if (watched.put(a, Boolean.TRUE) == null) {
                a.thinkingProperty().addListener(textChanged);
                a.answerProperty().addListener(textChanged);
            }
        }
    }

    /**
     * Finds the matches again. After a new query the first match is current; otherwise the current match stays
     * current if it is still there, else the one now at its place in the list.
     */
    private void refind(boolean newQuery) {
        String needle = query.get() == null ? "" : query.get();
        List<Match> found = open.get() ? find(transcript, needle) : List.of();
        Match before = currentMatch.get();
        int keep = newQuery || before == null ? 0 : found.indexOf(before);
        if (keep < 0) keep = Math.min(current.get(), found.size() - 1);
        if (!found.equals(matches)) matches.setAll(found);
        select(found.isEmpty() ? -1 : Math.max(0, keep));
    }

    /** Every match of {@code needle} in the responses of {@code messages}, in order. */
    static List<Match> find(List<MessageViewModel> messages, String needle) {
        List<Match> found = new ArrayList<>();
        if (needle.isBlank()) return found;
        for (MessageViewModel m : messages) {
            if (!(m instanceof AssistantMessageViewModel a)) continue;
            for (int at : TextSearch.starts(a.thinkingProperty().get(), needle)) {
                found.add(new Match(a.id(), Part.THINKING, at, at + needle.length()));
            }
            for (int at : TextSearch.starts(a.answerProperty().get(), needle)) {
                found.add(new Match(a.id(), Part.ANSWER, at, at + needle.length()));
            }
        }
        return found;
    }

    private void select(int index) {
        current.set(index);
        Match match = index < 0 ? null : matches.get(index);
        if (match != null && match.part() == Part.THINKING) openThinkingOf(match.messageId());
        currentMatch.set(match);
        String needle = query.get() == null ? "" : query.get();
        status.set(needle.isBlank() ? "" : matches.isEmpty() ? "No matches" : (index + 1) + " of " + matches.size());
    }

    private void openThinkingOf(String messageId) {
        for (MessageViewModel m : transcript) {
            if (m instanceof AssistantMessageViewModel a && a.id().equals(messageId)) a.thinkingExpandedProperty().set(true);
        }
    }

    // ---- properties ------------------------------------------------------------------------------------

    /** Whether the find bar is shown. */
    public BooleanProperty openProperty() {
        return open;
    }

    /** What to find (case-insensitive). */
    public StringProperty queryProperty() {
        return query;
    }

    /** Every match, in transcript order; empty while the bar is closed. */
    public ObservableList<Match> matches() {
        return matchesView;
    }

    /** The index of the current match in {@link #matches()}, or −1. */
    public ReadOnlyIntegerProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The current match, or null. */
    public ReadOnlyObjectProperty<Match> currentMatchProperty() {
        return currentMatch.getReadOnlyProperty();
    }

    /** "3 of 12", "No matches", or empty without a query. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}

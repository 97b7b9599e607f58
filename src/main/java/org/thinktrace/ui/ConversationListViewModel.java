package org.thinktrace.ui;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.thinktrace.chat.TextSearch;

/**
 * The conversation list: every conversation newest first, filtered by the search text, the snippet of where each
 * shown conversation matched, and the selection. Changed on the FX thread only.
 */
public final class ConversationListViewModel {

    private final ObservableList<ConversationItem> all = FXCollections.observableArrayList();
    private final FilteredList<ConversationItem> filtered = new FilteredList<>(all);
    private final SortedList<ConversationItem> shown =
            new SortedList<>(filtered, Comparator.comparingLong(ConversationItem::updatedAt).reversed());
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ConversationItem> selected = new ReadOnlyObjectWrapper<>();

    private final BiFunction<String, String, Optional<TextSearch.Snippet>> snippets;
    /** Snippets found for the current search text, by conversation id. */
    private final Map<String, Optional<TextSearch.Snippet>> snippetCache = new HashMap<>();

    /** @param matches whether the conversation with the given id contains the given search text */
    ConversationListViewModel(BiPredicate<String, String> matches) {
        this(matches, (id, text) -> Optional.empty());
    }

    /**
     * @param matches  whether the conversation with the given id contains the given search text
     * @param snippets where in its messages the conversation with the given id matches the given search text
     */
    ConversationListViewModel(BiPredicate<String, String> matches,
                              BiFunction<String, String, Optional<TextSearch.Snippet>> snippets) {
        this.snippets = snippets;
        searchText.addListener((obs, old, text) -> {
            snippetCache.clear();
            filtered.setPredicate(text == null || text.isBlank() ? null : item -> matches.test(item.id(), text.strip()));
        });
    }

    /**
     * Where {@code item}'s conversation matches the search text (a few words either side of the first match in its
     * messages); empty without a search, or when only its title matches.
     */
    public Optional<TextSearch.Snippet> snippetOf(ConversationItem item) {
        String text = searchText.get();
        if (item == null || text == null || text.isBlank()) return Optional.empty();
        return snippetCache.computeIfAbsent(item.id(), id -> snippets.apply(id, text.strip()));
    }

    /** The rows to show: filtered by {@link #searchTextProperty()}, newest first. */
    public ObservableList<ConversationItem> shown() {
        return shown;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyObjectProperty<ConversationItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Adds or refreshes a row (same id replaced). */
    void put(ConversationItem item) {
        snippetCache.remove(item.id());
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(item.id())) {
                boolean wasSelected = selected.get() != null && selected.get().id().equals(item.id());
                all.set(i, item);
                if (wasSelected) selected.set(item);
                return;
            }
        }
        all.add(item);
    }

    void remove(String id) {
        all.removeIf(item -> item.id().equals(id));
        if (selected.get() != null && selected.get().id().equals(id)) selected.set(null);
    }

    void select(ConversationItem item) {
        selected.set(item);
    }
}

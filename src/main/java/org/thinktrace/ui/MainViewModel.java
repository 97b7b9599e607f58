package org.thinktrace.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.InspectorLayout;
import org.thinktrace.chat.InspectorLayoutStore;
import org.thinktrace.chat.ChatSession;
import org.thinktrace.chat.ConversationListLayout;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.ConversationSearch;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.Message;
import org.thinktrace.chat.ProbeResults;
import org.thinktrace.chat.RemoteServer;
import org.thinktrace.chat.RemoteServerStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.chat.StoreWarning;
import org.thinktrace.chat.export.MarkdownExport;
import org.thinktrace.chat.export.TraceExport;
import org.thinktrace.chat.TextSearch;
import org.thinktrace.chat.UserMessage;
import org.thinktrace.chat.WindowPlacement;
import org.thinktrace.files.AtomicFiles;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.log.Failures;
import org.thinktrace.remote.RemoteGenerator;

/**
 * The main window's state and actions: the conversations, the open transcript, the composer, the loaded
 * model and the status bar. Views bind to its read-only properties and call its actions; it never touches
 * a node.
 *
 * <p>Threading: actions and {@link #onFrame} run on the FX thread. Slow work (loading a model) runs on the
 * {@code background} executor and comes back through the {@code ui} executor; files are written on the
 * {@code storage} executor, which must run tasks one at a time. Tests pass same-thread executors.
 * Generator events are queued and applied by {@link #onFrame}, once per frame.
 */
public final class MainViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    /**
     * How long {@link #close()} waits for a stopped generation's end: a server stops within a round trip, a local
     * model within one token.
     */
    static final Duration STOP_AT_EXIT = Duration.ofSeconds(3);

    /**
     * What the view-model needs from outside.
     *
     * @param nanoTime a {@link System#nanoTime()}-like clock for timers
     */
    public record Dependencies(ConversationStore conversations, SettingsStore settings, ModelLoader modelLoader,
                               Executor background, Executor ui, Executor storage, Clock clock, LongSupplier nanoTime,
                               String readOnlyReason) {

        /**
         * @param readOnlyReason why this window must not write the data folder (another app holds it), shown in
         *                       a banner; empty when it may
         */
        public Dependencies {
            readOnlyReason = readOnlyReason == null ? "" : readOnlyReason;
        }

        /** Dependencies of a window that may write its data folder. */
        public Dependencies(ConversationStore conversations, SettingsStore settings, ModelLoader modelLoader,
                            Executor background, Executor ui, Executor storage, Clock clock, LongSupplier nanoTime) {
            this(conversations, settings, modelLoader, background, ui, storage, clock, nanoTime, "");
        }
    }


    private final Dependencies deps;
    /** Where files are written: the storage executor, or nowhere in a read-only window. */
    private final Executor writes;
    private final Map<String, ChatSession> sessions = new LinkedHashMap<>();
    private final ConversationListViewModel conversations = new ConversationListViewModel(this::conversationContains,
            this::conversationSnippet);
    private final ObservableList<MessageViewModel> transcript = FXCollections.observableArrayList();
    private final ObservableList<MessageViewModel> transcriptView = FXCollections.unmodifiableObservableList(transcript);
    private final FindViewModel find = new FindViewModel(transcriptView);
    private final ObservableList<String> warnings = FXCollections.observableArrayList();

    private final ReadOnlyObjectWrapper<AppState> state = new ReadOnlyObjectWrapper<>(AppState.NO_MODEL);
    private final BooleanProperty generating = new SimpleBooleanProperty();
    private final ModelSlotViewModel model;
    private final StringProperty composerText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper editingMessageId = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<AppSettings> settings = new ReadOnlyObjectWrapper<>(AppSettings.defaults());
    private final ReadOnlyStringWrapper contextUsage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokensPerSecond = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problemDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ConversationItem> lastDeleted = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canSend;
    private final ReadOnlyBooleanWrapper loadingConversations = new ReadOnlyBooleanWrapper();
    /** Conversations deleted while the folder was read at start: the read may still hold their files. */
    private final java.util.Set<String> deletedWhileLoading = new java.util.HashSet<>();

    private ChatSession current;
    private ChatSession streamingSession;
    private AssistantMessageViewModel streaming;
    private Conversation deletedConversation;
    private final InspectorLayoutStore inspectorLayouts;
    private final InspectorViewModel inspector;
    /** The server each response generated through a remote backend in this run came from, by "messageId#version". */
    private final Map<String, String> remoteResponses = new java.util.HashMap<>();
    private String inspectedId;

    public MainViewModel(Dependencies deps) {
        this.deps = deps;
        this.writes = deps.readOnlyReason().isEmpty() ? deps.storage()
                : task -> LOG.debug("Read-only window: a write to {} was not made", deps.conversations().folder());
        this.model = new ModelSlotViewModel(deps.modelLoader(), deps.background(), deps.ui(), this::showProblem);
        this.inspectorLayouts = new InspectorLayoutStore(deps.settings().file().getParent());
        InspectorLayoutStore.Loaded layout = inspectorLayouts.load();
        layout.warning().ifPresent(w -> warnings.add(w.file().getFileName() + " " + w.message()));
        this.inspector = new InspectorViewModel(this::branch, this::probeResultsOf,
                () -> model.generator() instanceof Generator local ? local : null, this::needsLocalModel,
                () -> state.get() == AppState.READY, () -> !isReadOnly(), deps.ui(), deps.background(),
                layout.layout(), this::saveInspectorLayout);
        state.bind(Bindings.createObjectBinding(() -> generating.get() ? AppState.GENERATING
                : switch (model.statusProperty().get()) {
                    case EMPTY -> AppState.NO_MODEL;
                    case LOADING -> AppState.LOADING_MODEL;
                    case LOADED -> AppState.READY;
                }, generating, model.statusProperty()));
        inspector.probingProperty().addListener((obs, was, probing) -> {
            if (!probing && !generating.get()) model.reloadInPrecision(); // a precision chosen while it probed
        });
        model.statusProperty().addListener((obs, old, status) -> {
            if (status == ModelSlotViewModel.Status.LOADED && current != null) showFiguresOf(current);
        });
        this.canSend = Bindings.createBooleanBinding(
                () -> state.get() == AppState.READY && !composerText.get().isBlank() && !isReadOnly()
                        && !inspector.probingProperty().get() && !loadingConversations.get(),
                state, composerText, inspector.probingProperty(), loadingConversations);
        conversations.selectedProperty().addListener((obs, old, item) -> {
            // A refreshed row of the open conversation (new title or time) is not a change of conversation.
            boolean sameConversation = old != null && item != null && old.id().equals(item.id());
            if (item != null && !sameConversation && sessions.containsKey(item.id())) show(sessions.get(item.id()));
        });
    }

    /**
     * Reads the settings now, and the conversations on the background executor (a long history takes seconds to read:
     * the window shows meanwhile, {@link #loadingConversationsProperty() loading}); when they are read, opens the
     * newest (or a new one), unless a new chat was opened meanwhile. A conversation saved meanwhile (the new chat's)
     * is kept as it is in memory.
     */
    public void start() {
        SettingsStore.Loaded loadedSettings = deps.settings().load();
        settings.set(loadedSettings.settings());
        model.usePrecision(loadedSettings.settings().precisionChoice());
        loadedSettings.warning().ifPresent(this::warn);
        loadingConversations.set(true);
        ConversationStore.DamagedFiles damaged = isReadOnly()
                ? ConversationStore.DamagedFiles.LEAVE : ConversationStore.DamagedFiles.MOVE_ASIDE;
        deps.background().execute(() -> {
            ConversationStore.LoadResult loaded;
            try {
                loaded = deps.conversations().loadAll(damaged);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // nothing read is kept: the window must not stay "loading" for good
                LOG.error("Reading the conversations in {} failed", deps.conversations().folder(), e);
                loaded = new ConversationStore.LoadResult(List.of(), List.of(new StoreWarning(
                        deps.conversations().folder(), "could not be read: " + Failures.describe(e))));
            }
            ConversationStore.LoadResult result = loaded;
            deps.ui().execute(() -> showLoaded(result));
        });
    }

    /** Shows the conversations read at start: adds them, and opens the newest unless a conversation is open. */
    private void showLoaded(ConversationStore.LoadResult loaded) {
        loaded.warnings().forEach(this::warn);
        for (Conversation c : loaded.conversations()) {
            if (!sessions.containsKey(c.id()) && !deletedWhileLoading.contains(c.id())) addSession(c);
        }
        deletedWhileLoading.clear();
        loadingConversations.set(false);
        if (current != null) return;
        if (loaded.conversations().isEmpty()) newConversation();
        else conversations.select(itemOf(loaded.conversations().getFirst()));
    }

    /** Whether the conversations are still being read at start (the window shows none of them yet). */
    public ReadOnlyBooleanProperty loadingConversationsProperty() {
        return loadingConversations.getReadOnlyProperty();
    }

    private void warn(StoreWarning warning) {
        warnings.add(warning.file().getFileName() + " " + warning.message());
    }

    // ---- conversations -------------------------------------------------------------------------------

    /** Opens a fresh conversation (or the current one when it is still empty). */
    public void newConversation() {
        if (current != null && current.conversation().messages().isEmpty()) return;
        // A new chat left empty for another conversation is opened again rather than joined by a second one.
        ChatSession session = sessions.values().stream().filter(s -> s.conversation().messages().isEmpty()
                        && Conversation.UNTITLED.equals(s.conversation().title())).findFirst()
                .orElseGet(() -> addSession(Conversation.start(deps.clock().millis())));
        conversations.select(itemOf(session.conversation()));
    }

    /** Opens the conversation with this id. */
    public void openConversation(String id) {
        ChatSession session = sessions.get(id);
        if (session != null) conversations.select(itemOf(session.conversation()));
    }

    public void renameConversation(String id, String title) {
        if (title == null || title.isBlank() || refusedAsReadOnly()) return;
        ChatSession session = sessions.get(id);
        session.rename(title);
        conversations.put(itemOf(session.conversation()));
    }

    /** Deletes a conversation; {@link #undoDelete()} brings it back until the next deletion. */
    public void deleteConversation(String id) {
        ChatSession session = sessions.get(id);
        if (session == null || refusedAsReadOnly()) return;
        if (session.isGenerating() || session == streamingSession) { // its last events may still wait for a frame
            problem.set("Stop the response being generated before deleting this conversation.");
            return;
        }
        sessions.remove(id);
        if (loadingConversations.get()) deletedWhileLoading.add(id);
        deletedConversation = session.conversation();
        lastDeleted.set(itemOf(deletedConversation));
        conversations.remove(id);
        writes.execute(() -> {
            try {
                deps.conversations().delete(id);
            } catch (IOException e) {
                LOG.error("Could not delete {}", deps.conversations().fileOf(id), e);
                deps.ui().execute(() -> warnings.add("Could not delete " + deps.conversations().fileOf(id) + ": " + e.getMessage()));
            }
        });
        if (session == current) {
            current = null;
            if (sessions.isEmpty()) newConversation();
            else if (!conversations.shown().isEmpty()) conversations.select(conversations.shown().getFirst());
            else openConversation(newest().conversation().id()); // the search hides every other one
        }
        followInCompare(); // the compared response may have gone with it
    }

    /** The conversation changed last. */
    private ChatSession newest() {
        return sessions.values().stream().max(java.util.Comparator.comparingLong(s -> s.conversation().updatedAt()))
                .orElseThrow();
    }

    /** The formats a conversation can be exported to. */
    public enum ExportFormat {
        /** The conversation as shown, thinking in {@code <details>} blocks. */
        MARKDOWN("md"),
        /** Every version with its full token trace, settings and model (what {@code thinktrace replay} reads). */
        JSON("json");

        private final String extension;

        ExportFormat(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /**
     * A file name to offer for exporting conversation {@code id}: its title without the characters file systems refuse
     * ({@code \ / : * ? " < > |}), with the format's extension.
     */
    public String exportFileName(String id, ExportFormat format) {
        ChatSession session = sessions.get(id);
        String title = session == null ? "conversation" : session.conversation().title();
        String safe = title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]+", " ").strip().replaceAll("\\s+", " ");
        return (safe.isEmpty() ? "conversation" : safe) + "." + format.extension();
    }

    /**
     * Writes conversation {@code id} as it is now to {@code target}, on the background executor (an export writes
     * outside the data folder, so a read-only window may export too). A failure is logged and shown as a problem
     * naming the file.
     */
    public void exportConversation(String id, ExportFormat format, Path target) {
        ChatSession session = sessions.get(id);
        if (session == null) return;
        Conversation conversation = session.conversation();
        deps.background().execute(() -> {
            try {
                String text = format == ExportFormat.MARKDOWN ? MarkdownExport.render(conversation)
                        : TraceExport.render(conversation);
                AtomicFiles.writeShared(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
                LOG.info("Exported conversation {} to {}", id, target);
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not export conversation {} to {}", id, target, e);
                deps.ui().execute(() -> showProblem("Could not export the conversation to " + target + ": "
                        + Failures.describe(e), e));
            }
        });
    }

    /** Restores the conversation deleted last. */
    public void undoDelete() {
        Conversation restored = deletedConversation;
        if (restored == null) return;
        deletedConversation = null;
        lastDeleted.set(null);
        ChatSession session = addSession(restored);
        writes.execute(() -> {
            try {
                deps.conversations().save(restored);
            } catch (IOException e) {
                LOG.error("saving a restored conversation failed", e);
                reportSaveFailure(e);
            }
        });
        conversations.select(itemOf(session.conversation()));
    }

    /** Forgets the deleted conversation: it can no longer be restored. */
    public void dismissUndo() {
        deletedConversation = null;
        lastDeleted.set(null);
    }

    private boolean isReadOnly() {
        return !deps.readOnlyReason().isEmpty();
    }

    /** In a read-only window, tells the user why the change cannot be made, and returns true. */
    private boolean refusedAsReadOnly() {
        if (isReadOnly()) problem.set(deps.readOnlyReason());
        return isReadOnly();
    }

    private ChatSession addSession(Conversation conversation) {
        String id = conversation.id();
        ChatSession session = new ChatSession(conversation, deps.conversations(), writes,
                e -> reportSaveFailure(id, e), deps.clock());
        sessions.put(conversation.id(), session);
        conversations.put(itemOf(conversation));
        return session;
    }

    private void reportSaveFailure(IOException e) {
        LOG.error("Could not save a conversation", e);
        deps.ui().execute(() -> warnings.add("Could not save a conversation: " + e.getMessage()));
    }

    /** A save of one conversation failed: say which, and that it is kept and saved again on the next action. */
    private void reportSaveFailure(String conversationId, IOException e) {
        deps.ui().execute(() -> { // called on the storage thread: the sessions are the FX thread's
            ChatSession session = sessions.get(conversationId);
            String title = session == null || session.conversation().title().isBlank() ? "Untitled"
                    : session.conversation().title();
            warnings.add("Could not save the conversation \"" + title + "\" to "
                    + deps.conversations().fileOf(conversationId) + ": " + e.getMessage()
                    + ". It is kept in memory and saved again on your next action.");
        });
    }

    /** Saves again every conversation whose last save failed (a full disk may have room now). */
    private void retryUnsavedConversations() {
        sessions.values().forEach(ChatSession::retrySave);
    }

    /**
     * At exit: saves every conversation whose last save failed once more, on the storage thread, then tells
     * {@code then} (on the UI thread) which are still only in memory; an empty list means nothing would be lost.
     */
    public void saveUnsavedBeforeExit(Consumer<List<Conversation>> then) {
        List<ChatSession> unsaved = sessions.values().stream().filter(ChatSession::isUnsaved).toList();
        if (unsaved.isEmpty()) {
            then.accept(List.of());
            return;
        }
        deps.storage().execute(() -> {
            List<Conversation> still = unsaved.stream().filter(session -> !session.saveNow())
                    .map(ChatSession::conversation).toList();
            deps.ui().execute(() -> then.accept(still));
        });
    }

    /**
     * Writes the conversations as JSON files into {@code folder} (each atomically, named as in the data folder),
     * on the storage thread; {@code done} gets, on the UI thread, empty on success or why it failed.
     */
    public void exportConversations(List<Conversation> toExport, Path folder, Consumer<Optional<String>> done) {
        deps.storage().execute(() -> {
            Optional<String> failure = Optional.empty();
            try {
                ConversationStore target = new ConversationStore(folder);
                for (Conversation conversation : toExport) target.save(conversation);
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(MainViewModel.class).error("could not export conversations to {}", folder, e);
                failure = Optional.of("Could not write to " + folder + ": " + Failures.describe(e));
            }
            Optional<String> result = failure;
            deps.ui().execute(() -> done.accept(result));
        });
    }

    /** The folder conversations are saved in. */
    public Path dataFolder() {
        return deps.conversations().folder();
    }

    /** Conversations that exist only in memory because their saves failed, by title (for a warning at exit). */
    public List<String> unsavedConversations() {
        return sessions.values().stream().filter(ChatSession::isUnsaved).map(s -> s.conversation().title()).toList();
    }

    private boolean conversationContains(String id, String text) {
        ChatSession session = sessions.get(id);
        return session != null && session.conversation().contains(text);
    }

    private Optional<TextSearch.Snippet> conversationSnippet(String id, String text) {
        ChatSession session = sessions.get(id);
        return session == null ? Optional.empty() : ConversationSearch.snippet(session.conversation(), text);
    }

    private static ConversationItem itemOf(Conversation c) {
        return new ConversationItem(c.id(), c.title(), c.updatedAt());
    }

    private void show(ChatSession session) {
        current = session;
        cancelEdit();
        rebuildTranscript();
        showFiguresOf(session);
    }

    /**
     * The status bar's context and speed for {@code session}: live while its response streams, else those of its
     * last finished response (its prompt and generated tokens fill the context), else none.
     */
    private void showFiguresOf(ChatSession session) {
        if (streaming != null && streamingSession == session) {
            showContext(streaming.contextTokens());
            return;
        }
        GenerationStats last = null;
        for (Message m : session.conversation().messages()) {
            if (m instanceof AssistantMessage a && a.current().stats() != null) last = a.current().stats();
        }
        showContext(last == null ? 0 : last.promptTokens() + last.generatedTokens());
        tokensPerSecond.set(last == null ? "" : String.format(Locale.ROOT, "%.1f tok/s", last.decodeTokensPerSecond()));
    }

    /**
     * Brings the transcript in line with the open conversation's messages with as few list changes as it takes:
     * the view-model of a message still there is kept (so its view is too), a new or regenerated one is put in
     * its place, and those of removed messages go.
     */
    private void rebuildTranscript() {
        Map<String, MessageViewModel> existing = new HashMap<>();
        for (MessageViewModel vm : transcript) existing.put(vm.id(), vm);
        List<MessageViewModel> wanted = new ArrayList<>();
        if (current != null) {
            var messages = current.conversation().messages();
            for (int i = 0; i < messages.size(); i++) {
                MessageViewModel vm = switch (messages.get(i)) {
                    case UserMessage u -> existing.get(u.id()) instanceof UserMessageViewModel kept
                            && kept.text().equals(u.text()) ? kept : new UserMessageViewModel(u.id(), u.text());
                    case AssistantMessage a -> assistantView(a, existing.get(a.id()));
                };
                if (vm instanceof AssistantMessageViewModel a) a.setLast(i == messages.size() - 1);
                wanted.add(vm);
            }
        }
        TranscriptDiff.apply(transcript, wanted);
        if (current != null) followInInspector();
        followInCompare();
    }

    /** The view-model of {@code message}: the streaming one, else the one shown before (brought up to date), else a new one. */
    private AssistantMessageViewModel assistantView(AssistantMessage message, MessageViewModel shown) {
        if (streaming != null && streamingSession == current && streaming.id().equals(message.id())) return streaming;
        if (shown instanceof AssistantMessageViewModel kept && kept != streaming) {
            kept.show(message);
            return kept;
        }
        return storedView(current, message);
    }

    // ---- the inspector ---------------------------------------------------------------------------------

    /** Shows a response in the inspector side panel and opens it. */
    public void inspect(String assistantMessageId) {
        inspectedId = assistantMessageId;
        showInspected();
        inspector.openProperty().set(true);
    }

    /**
     * Keeps the inspector on a response of the open conversation: the streaming one while a response streams,
     * else the one chosen before if it is still there, else the last response.
     */
    private void followInInspector() {
        boolean kept = current != null && inspectedId != null
                && current.conversation().hasMessage(inspectedId);
        if (streaming != null && streamingSession == current) inspectedId = streaming.id();
        else if (!kept) inspectedId = current == null ? null : current.conversation().messages().stream()
                .filter(m -> m instanceof AssistantMessage).reduce((a, b) -> b).map(Message::id).orElse(null);
        showInspected();
    }

    private void showInspected() {
        if (current == null || inspectedId == null) {
            inspector.show(null);
            return;
        }
        var messages = current.conversation().messages();
        int index = current.conversation().indexOf(inspectedId);
        AssistantMessage message = (AssistantMessage) messages.get(index);
        String question = index > 0 && messages.get(index - 1) instanceof UserMessage u ? u.text() : "";
        boolean live = streaming != null && streaming.id().equals(inspectedId) && streamingSession == current;
        // the prompt the shown version answered: its own system prompt and earlier versions where recorded
        AssistantVersion shown = message.current();
        String systemPrompt = shown.systemPrompt() != null ? shown.systemPrompt() : settings.get().systemPrompt();
        inspector.show(new InspectorViewModel.Subject(inspectedId, question, message.selected(),
                message.versions().size(), live ? null : shown, live ? streaming : null,
                index == messages.size() - 1, current.conversation().turns(index, systemPrompt, shown.contextVersions()),
                message.versions()));
    }

    /**
     * Keeps an open compare window on its response as the conversations change: its versions as they are now, or
     * null once no conversation holds it (see {@link CompareViewModel#follow}).
     */
    private void followInCompare() {
        CompareViewModel compare = inspector.compare();
        if (!compare.openProperty().get()) return;
        String id = compare.messageId();
        compare.follow(sessions.values().stream().map(ChatSession::conversation).filter(c -> c.hasMessage(id))
                .map(c -> ((AssistantMessage) c.message(id)).versions()).findFirst().orElse(null));
    }

    /**
     * Why the inspector's probes cannot run on a response: it was generated through a remote server (known for the
     * responses of this run), or the model in use is one; null when the local model can probe it.
     */
    private String needsLocalModel(InspectorViewModel.Subject subject) {
        String server = remoteResponses.get(subject.messageId() + "#" + subject.versionIndex());
        if (server == null && subject.version() != null && subject.version().model() != null) {
            server = subject.version().model().endpoint();
        }
        if (server != null) return "needs the local model: this response came from " + server;
        if (model.generator() instanceof RemoteGenerator remote) {
            return "needs the local model: the model in use is the server " + remote.baseUrl();
        }
        return null;
    }

    /** Starts a version of the last response that branches off inside one of its versions. */
    void branch(String assistantMessageId, BranchOrigin origin, Continuation.Insert insert) {
        if (state.get() != AppState.READY || current == null || refusedAsReadOnly()) return;
        ChatSession session = current;
        Queue<GenerationEvent> events = new ConcurrentLinkedQueue<>();
        long startNanos = deps.nanoTime().getAsLong();
        try {
            session.branch(assistantMessageId, origin, insert, model.generator(), settings.get(), events::add);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.error("could not branch response {}", assistantMessageId, e);
            showProblem("Could not branch the response: " + e.getMessage(), e);
            return;
        }
        beginStreaming(session, assistantMessageId, startNanos, events);
    }

    /** Where probe results for a response of the open conversation go: that conversation, even after a switch. */
    private Consumer<UnaryOperator<ProbeResults>> probeResultsOf(String assistantMessageId, int versionIndex) {
        ChatSession session = current;
        return update -> {
            if (session == null) return;
            // A probe that ended after its conversation or response was deleted keeps nothing (saving would write
            // the deleted conversation back).
            if (sessions.get(session.conversation().id()) != session
                    || !session.conversation().hasMessage(assistantMessageId)) {
                LOG.info("The probe results of response {} are not kept: it was deleted meanwhile", assistantMessageId);
                return;
            }
            try {
                session.updateProbes(assistantMessageId, versionIndex, update);
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.error("could not keep the probe results of response {}", assistantMessageId, e);
                showProblem("Could not keep the probe results with the response: " + e.getMessage(), e);
            }
        };
    }

    private void saveInspectorLayout(InspectorLayout layout) {
        writes.execute(() -> {
            try {
                inspectorLayouts.save(layout);
            } catch (IOException e) {
                LOG.error("could not save the inspector layout", e);
                deps.ui().execute(() -> warnings.add("Could not save the inspector layout to " + inspectorLayouts.file()
                        + ": " + e.getMessage()));
            }
        });
    }

    /** The inspector side panel. */
    public InspectorViewModel inspector() {
        return inspector;
    }

    /** Find in the open conversation (the find bar). */
    public FindViewModel find() {
        return find;
    }

    private AssistantMessageViewModel storedView(ChatSession session, AssistantMessage message) {
        AssistantMessageViewModel vm = AssistantMessageViewModel.stored(message, settings.get().autoCollapse());
        vm.onThinkingToggled(open -> session.setThinkingOpen(message.id(), open));
        return vm;
    }

    // ---- the composer and generation -----------------------------------------------------------------

    /** Sends the composer's text (or the edited message); does nothing unless {@link #canSendProperty()}. */
    public void send() {
        if (!canSend.get()) return;
        retryUnsavedConversations();
        String text = composerText.get().strip();
        String editedId = editingMessageId.get();
        ChatSession session = current;
        Queue<GenerationEvent> events = new ConcurrentLinkedQueue<>();
        long startNanos = deps.nanoTime().getAsLong();
        String messageId = editedId == null
                ? session.send(text, model.generator(), settings.get(), events::add)
                : session.editAndResend(editedId, text, model.generator(), settings.get(), events::add);
        composerText.set("");
        editingMessageId.set(null);
        beginStreaming(session, messageId, startNanos, events);
    }

    /** Generates a new version of the last response. */
    public void regenerate(String assistantMessageId) {
        if (state.get() != AppState.READY || current == null || inspector.probingProperty().get()
                || refusedAsReadOnly()) return;
        ChatSession session = current;
        Queue<GenerationEvent> events = new ConcurrentLinkedQueue<>();
        long startNanos = deps.nanoTime().getAsLong();
        session.regenerate(assistantMessageId, model.generator(), settings.get(), events::add);
        beginStreaming(session, assistantMessageId, startNanos, events);
    }

    private void beginStreaming(ChatSession session, String messageId, long startNanos, Queue<GenerationEvent> events) {
        AssistantMessage message = (AssistantMessage) session.conversation().message(messageId);
        if (model.generator() instanceof RemoteGenerator remote) {
            remoteResponses.put(messageId + "#" + message.selected(), remote.baseUrl().toString());
        }
        streamingSession = session;
        streaming = AssistantMessageViewModel.streaming(message, startNanos, settings.get().autoCollapse(), events);
        streaming.onThinkingToggled(open -> session.setThinkingOpen(messageId, open));
        generating.set(true);
        tokensPerSecond.set("");
        conversations.put(itemOf(session.conversation()));
        rebuildTranscript();
    }

    /** Stops the response being generated; it stays, marked stopped. */
    public void stop() {
        if (streamingSession != null) streamingSession.stop();
    }

    /**
     * Called once per frame on the FX thread: applies the generator events that arrived since the last frame (up to
     * {@link AssistantMessageViewModel#FRAME_CHARACTERS} characters of new text), ticks the thinking timer and updates
     * the live figures.
     */
    public void onFrame(long nowNanos) {
        onFrame(nowNanos, AssistantMessageViewModel.FRAME_CHARACTERS);
    }

    /**
     * {@link #onFrame(long)} with at most {@code characters} characters of new text applied in this frame (the rest
     * waits for the next frames): a frame whose layout has more to do than usual takes less.
     */
    public void onFrame(long nowNanos, int characters) {
        if (streaming == null) {
            inspector.onFrame(nowNanos);
            return;
        }
        GenerationEvent terminal = streaming.drain(nowNanos, characters);
        if (streamingSession == current) {
            showContext(streaming.contextTokens());
            double rate = streaming.liveTokensPerSecond();
            tokensPerSecond.set(rate > 0 ? String.format(Locale.ROOT, "%.1f tok/s", rate) : "");
        }
        if (terminal != null) finishStreaming(terminal);
        inspector.onFrame(nowNanos);
    }

    private void finishStreaming(GenerationEvent terminal) {
        ChatSession session = streamingSession;
        AssistantMessageViewModel vm = streaming;
        streaming = null;
        streamingSession = null;
        AssistantMessage message = (AssistantMessage) session.conversation().message(vm.id());
        vm.show(message);
        conversations.put(itemOf(session.conversation()));
        generating.set(false);
        model.reloadInPrecision(); // a precision chosen while it generated
        if (session == current) showFiguresOf(session);
        if (vm.id().equals(inspectedId)) showInspected();
        followInCompare(); // the new version can be compared now
    }

    private void showContext(int tokens) {
        TextGenerator generator = model.generator();
        contextUsage.set(generator == null ? "" : generator.contextLength() <= 0 // a server that did not say
                ? String.format(Locale.ROOT, "Context %,d", tokens)
                : String.format(Locale.ROOT, "Context %,d / %,d", tokens, generator.contextLength()));
    }

    /** Puts a user message into the composer to be edited and sent again (dropping what followed it). */
    public void beginEdit(String userMessageId) {
        if (current == null || state.get() == AppState.GENERATING) return;
        UserMessage message = (UserMessage) current.conversation().message(userMessageId);
        editingMessageId.set(userMessageId);
        composerText.set(message.text());
    }

    public void cancelEdit() {
        if (editingMessageId.get() == null) return;
        editingMessageId.set(null);
        composerText.set("");
    }

    /** Deletes a message (a user message together with its response). */
    public void deleteMessage(String messageId) {
        if (current == null || refusedAsReadOnly()) return;
        if (current.isGenerating() || current == streamingSession) { // its last events may still wait for a frame
            problem.set("Stop the response being generated before deleting messages.");
            return;
        }
        current.deleteMessage(messageId);
        String edited = editingMessageId.get();
        if (edited != null && !current.conversation().hasMessage(edited)) {
            cancelEdit(); // the message being edited went with it
        }
        rebuildTranscript();
        showFiguresOf(current);
    }

    public void previousVersion(String assistantMessageId) {
        switchVersion(assistantMessageId, -1);
    }

    public void nextVersion(String assistantMessageId) {
        switchVersion(assistantMessageId, +1);
    }

    private void switchVersion(String assistantMessageId, int step) {
        if (current == null || current.isGenerating()) return;
        AssistantMessage message = (AssistantMessage) current.conversation().message(assistantMessageId);
        int target = message.selected() + step;
        if (target < 0 || target >= message.versions().size()) return;
        current.selectVersion(assistantMessageId, target);
        for (MessageViewModel vm : transcript) {
            if (vm instanceof AssistantMessageViewModel a && a.id().equals(assistantMessageId)) {
                a.show((AssistantMessage) current.conversation().message(assistantMessageId));
            }
        }
        showFiguresOf(current);
        if (assistantMessageId.equals(inspectedId)) showInspected();
    }

    /** The text of a message as the copy actions put it on the clipboard. */
    public String answerOf(String assistantMessageId) {
        return ((AssistantMessage) current.conversation().message(assistantMessageId)).current().answer();
    }

    public String thinkingOf(String assistantMessageId) {
        return ((AssistantMessage) current.conversation().message(assistantMessageId)).current().thinking();
    }

    // ---- the model -------------------------------------------------------------------------------------

    /** Opens the bundled model at start when it is there; otherwise says so and waits for the user to open one. */
    public void openDefaultModel(Path folder) {
        model.openDefault(folder);
    }

    /**
     * Validates and loads a model folder in the background, with progress; {@link #cancelModelLoad()} interrupts it.
     * A folder that cannot be used becomes a {@link #problemProperty() problem} naming the folder and the reason.
     */
    public void openModel(Path folder) {
        if (modelBusy()) return;
        model.open(folder);
    }

    /**
     * Generates with an OpenAI-compatible server from now on, once it answered (in the background, like a model
     * load), and remembers it (the key in a file only the user can read) for the next time.
     */
    public void openRemote(RemoteServer server) {
        if (modelBusy()) return;
        model.openRemote(server);
        RemoteServerStore store = remoteServers();
        writes.execute(() -> { // nothing in a read-only window
            try {
                store.save(server);
            } catch (IOException e) {
                LoggerFactory.getLogger(MainViewModel.class).error("could not save the remote server", e);
                deps.ui().execute(() -> warnings.add("Could not save the server settings: " + e.getMessage()));
            }
        });
    }

    /** The server added last, to fill the form; empty when none was added or its file cannot be read. */
    public Optional<RemoteServer> savedRemoteServer() {
        try {
            return remoteServers().load();
        } catch (IOException e) {
            LoggerFactory.getLogger(MainViewModel.class).warn("could not read the remote server", e);
            return Optional.empty();
        }
    }

    private RemoteServerStore remoteServers() {
        return new RemoteServerStore(deps.settings().file().toAbsolutePath().getParent());
    }

    /**
     * Whether the model generates or runs an inspector probe: it is then neither replaced nor reloaded, since freeing
     * it would wait on the FX thread for that work to stop.
     */
    public boolean modelBusy() {
        return generating.get() || inspector.probingProperty().get();
    }

    /** Stops a model load in progress: the loader gives up and the app goes back to what it had. */
    public void cancelModelLoad() {
        model.cancel();
    }

    // ---- settings, problems, shutdown ------------------------------------------------------------------

    /** Uses and saves new settings. */
    public void applySettings(AppSettings newSettings) {
        settings.set(newSettings);
        model.usePrecision(newSettings.precisionChoice());
        if (!modelBusy()) model.reloadInPrecision(); // else once the generation or probe ends
        writes.execute(() -> {
            try {
                deps.settings().save(newSettings);
            } catch (IOException e) {
                LOG.error("Could not save the settings to {}", deps.settings().file(), e);
                deps.ui().execute(() -> warnings.add("Could not save the settings to " + deps.settings().file() + ": "
                        + e.getMessage()));
            }
        });
    }

    /** Shows or hides the main window's conversation list; kept in the settings for the next start. */
    public void setConversationListHidden(boolean hidden) {
        ConversationListLayout list = settings.get().conversationList();
        if (list.hidden() != hidden) applySettings(settings.get().withConversationList(list.withHidden(hidden)));
    }

    /** Saves where the main window is, for the next start. */
    public void rememberWindow(WindowPlacement placement) {
        rememberWindow(placement, 0);
    }

    /**
     * Saves, for the next start, where the main window is (null: the place saved before stays, as for a maximized
     * window) and how wide its conversation list is (0 or less: the width saved before stays); one write, none when
     * neither changed.
     */
    public void rememberWindow(WindowPlacement placement, double conversationListWidth) {
        AppSettings now = settings.get();
        AppSettings next = placement == null ? now : now.withWindow(placement);
        ConversationListLayout list = now.conversationList();
        if (conversationListWidth > 0 && Math.abs(conversationListWidth - list.width()) >= 1) {
            next = next.withConversationList(list.withWidth(Math.round(conversationListWidth)));
        }
        if (!next.equals(now)) applySettings(next);
    }

    public void dismissWarning(String warning) {
        warnings.remove(warning);
    }

    public void dismissAllWarnings() {
        warnings.clear();
    }

    public void clearProblem() {
        problem.set("");
        problemDetails.set("");
    }

    /**
     * Stops any generation, waiting up to {@link #STOP_AT_EXIT} for its end, so that the saves queued when this returns
     * hold all the response received (see {@link ChatSession#stopAndKeep}); retries the saves that failed; releases
     * the model.
     */
    public void close() {
        if (streamingSession != null) streamingSession.stopAndKeep(STOP_AT_EXIT);
        retryUnsavedConversations();
        model.close();
    }

    // ---- properties ------------------------------------------------------------------------------------

    public ConversationListViewModel conversations() {
        return conversations;
    }

    /** The messages of the open conversation, oldest first. */
    public ObservableList<MessageViewModel> transcript() {
        return transcriptView;
    }

    /** Why this window only reads its data folder (another app writes it), or empty. */
    public String readOnlyReason() {
        return deps.readOnlyReason();
    }

    /** Problems with files, for a dismissable banner. */
    public ObservableList<String> warnings() {
        return warnings;
    }

    public ReadOnlyObjectProperty<AppState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public StringProperty composerTextProperty() {
        return composerText;
    }

    /** The id of the user message being edited, or null. */
    public ReadOnlyStringProperty editingMessageIdProperty() {
        return editingMessageId.getReadOnlyProperty();
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    public ReadOnlyObjectProperty<AppSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return model.modelNameProperty();
    }

    public ReadOnlyStringProperty deviceProperty() {
        return model.deviceProperty();
    }

    /** The loaded model's context in tokens, or 0 when no model is loaded. */
    public int modelContextLength() {
        TextGenerator generator = model.generator();
        return generator == null ? 0 : generator.contextLength();
    }

    /** "Context 1,234 / 4,096" while a model is loaded. */
    public ReadOnlyStringProperty contextUsageProperty() {
        return contextUsage.getReadOnlyProperty();
    }

    /** Live decode speed while generating, the last response's speed after. */
    public ReadOnlyStringProperty tokensPerSecondProperty() {
        return tokensPerSecond.getReadOnlyProperty();
    }

    /** Why no model is loaded (empty when one is, or while the reason is unknown). */
    public ReadOnlyStringProperty noModelReasonProperty() {
        return model.noModelReasonProperty();
    }

    private void showProblem(String message, Throwable cause) {
        problemDetails.set(cause == null ? "" : Failures.stackTrace(cause));
        problem.set(message);
    }

    /** The stack trace behind the current {@link #problemProperty() problem}, or empty when it has none. */
    public ReadOnlyStringProperty problemDetailsProperty() {
        return problemDetails.getReadOnlyProperty();
    }

    /** A problem the user must see in a dialog (empty when none); {@link #clearProblem()} after showing it. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Model loading progress 0..1, or −1 when unknown. */
    public ReadOnlyDoubleProperty loadProgressProperty() {
        return model.progressProperty();
    }

    public ReadOnlyStringProperty loadProgressTextProperty() {
        return model.progressTextProperty();
    }

    /** The conversation deleted last while it can still be restored, else null. */
    public ReadOnlyObjectProperty<ConversationItem> lastDeletedProperty() {
        return lastDeleted.getReadOnlyProperty();
    }

    /** The current conversation's messages as stored, for tests and copy actions. */
    java.util.List<Message> currentMessages() {
        return current == null ? java.util.List.of() : current.conversation().messages();
    }
}

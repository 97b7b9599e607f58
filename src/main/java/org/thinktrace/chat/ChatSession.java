package org.thinktrace.chat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.log.Failures;

/**
 * One open conversation and the generation running in it. Turns a user turn into a
 * {@link GenerationRequest} built from the conversation, runs it on a {@link TextGenerator}, folds the
 * events into the assistant message, and saves: a draft at most every {@link #DRAFT_INTERVAL} while generating,
 * and only when the response grew since the last one (so a killed app keeps the response, marked stopped on the
 * next load), and the final message when it ends. A save that finds the conversation as it last wrote it writes
 * nothing.
 *
 * <p>Thread-safety: every method may be called from any thread. Generator events arrive on the generator's
 * thread; they update the conversation first, then go on to the caller's listener on that same thread.
 * Saves run on the {@code saveExecutor} (which must run tasks one at a time, in order); each save writes the
 * conversation as it is when the save runs, so the file always ends at the latest state, and at most one save
 * waits in the queue at a time. A failed save is
 * logged and handed to {@code saveFailures}; the conversation stays in memory, marked {@link #isUnsaved()},
 * until a later save (the next change, or {@link #retrySave()}) succeeds.
 *
 * <p>Each version records the generator's {@link TextGenerator#identity()} and the system prompt it was generated
 * with. Each generation draws a fresh sampling seed from {@code seeds} unless the settings fix the seed
 * ({@link AppSettings#samplingForNextGeneration}); the version stores the seed it was generated with.
 */
public final class ChatSession {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSession.class);

    /** How often a response in progress is saved as a draft. */
    public static final Duration DRAFT_INTERVAL = Duration.ofSeconds(2);

    private static final int TITLE_LENGTH = 48;

    private final ConversationStore store;
    private final Executor saveExecutor;
    private final Consumer<IOException> saveFailures;
    private final Clock clock;
    private final RandomGenerator seeds;
    private final List<String> stopStrings;

    private Conversation conversation;
    private Running running;

    /** The generation in progress: whose events it folds and how to stop it. */
    private static final class Running {
        final String messageId;
        final ResponseBuilder builder;
        volatile GenerationHandle handle;
        boolean cancelRequested;
        long lastDraftSave;
        long draftedChanges;

        Running(String messageId, ResponseBuilder builder, long now) {
            this.messageId = messageId;
            this.builder = builder;
            this.lastDraftSave = now;
        }
    }

    public ChatSession(Conversation conversation, ConversationStore store, Executor saveExecutor,
                       Consumer<IOException> saveFailures, Clock clock) {
        this(conversation, store, saveExecutor, saveFailures, clock, RandomGenerator.getDefault());
    }

    /** @param seeds where the seed of each generation comes from, unless the settings fix it */
    public ChatSession(Conversation conversation, ConversationStore store, Executor saveExecutor,
                       Consumer<IOException> saveFailures, Clock clock, RandomGenerator seeds) {
        this(conversation, Objects.requireNonNull(store, "store"), saveExecutor, saveFailures, clock, seeds, List.of());
    }

    private ChatSession(Conversation conversation, ConversationStore store, Executor saveExecutor,
                        Consumer<IOException> saveFailures, Clock clock, RandomGenerator seeds, List<String> stopStrings) {
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.stopStrings = List.copyOf(stopStrings);
        this.store = store;
        this.saveExecutor = saveExecutor;
        this.saveFailures = saveFailures;
        this.clock = clock;
        this.seeds = Objects.requireNonNull(seeds, "seeds");
    }

    /**
     * A session that keeps its conversation in memory only: nothing is ever saved (the command line's chat, which
     * saves on request in its own format). Every response it generates stops where one of {@code stopStrings}
     * appears.
     */
    public static ChatSession inMemory(Conversation conversation, Clock clock, List<String> stopStrings) {
        return new ChatSession(conversation, null, Runnable::run, e -> { }, clock, RandomGenerator.getDefault(),
                stopStrings);
    }

    public synchronized Conversation conversation() {
        return conversation;
    }

    public synchronized boolean isGenerating() {
        return running != null;
    }

    /**
     * Adds the user's message and generates the response to it.
     *
     * @param listener gets every event after the conversation took it in, on the generator's thread
     * @return the id of the new assistant message
     * @throws IllegalStateException while another generation of this session runs
     */
    public String send(String text, TextGenerator generator, AppSettings settings, Consumer<GenerationEvent> listener) {
        if (text.isBlank()) throw new IllegalArgumentException("the message is empty");
        long now = clock.millis();
        synchronized (this) {
            requireIdle();
            Conversation next = conversation.withAppended(new UserMessage(newId(), text, now), now);
            if (Conversation.UNTITLED.equals(next.title())) next = next.withTitle(titleFrom(text), now);
            conversation = next;
        }
        return respond(generator, settings, listener, null);
    }

    /**
     * Generates a new version of the last assistant message, keeping the earlier ones.
     *
     * @throws IllegalArgumentException when {@code assistantMessageId} is not the last message
     */
    public String regenerate(String assistantMessageId, TextGenerator generator, AppSettings settings,
                             Consumer<GenerationEvent> listener) {
        synchronized (this) {
            requireIdle();
            lastResponse(assistantMessageId, "regenerated");
        }
        return respond(generator, settings, listener, assistantMessageId);
    }

    /**
     * Adds a version of the last assistant message that branches off one of its versions: that version's tokens
     * before {@code origin.tokenIndex()} are kept, {@code insert} follows them (an alternative token, or text the
     * user wrote in place of a thinking step), and the model generates on with the origin version's sampling
     * settings, token limit and thinking budget, after the same prompt: the origin version's system prompt and
     * earlier responses' versions where they are recorded (else the current system prompt of {@code settings} and the
     * selected versions). The new version records {@code origin}.
     *
     * @throws IllegalArgumentException when the message is not the last one, or the origin version or token index
     *                                  does not exist in it
     */
    public String branch(String assistantMessageId, BranchOrigin origin, Continuation.Insert insert,
                         TextGenerator generator, AppSettings settings, Consumer<GenerationEvent> listener) {
        AssistantVersion from;
        synchronized (this) {
            requireIdle();
            AssistantMessage message = lastResponse(assistantMessageId, "branched");
            if (origin.fromVersion() >= message.versions().size()) {
                throw new IllegalArgumentException("the response has no version " + (origin.fromVersion() + 1));
            }
            from = message.versions().get(origin.fromVersion());
            if (origin.tokenIndex() > from.tokens().size()) {
                throw new IllegalArgumentException("version " + (origin.fromVersion() + 1) + " has "
                        + from.tokens().size() + " tokens, not " + origin.tokenIndex());
            }
        }
        List<GenerationEvent.TokenInfo> kept = new ArrayList<>(origin.tokenIndex());
        for (int i = 0; i < origin.tokenIndex(); i++) kept.add(from.tokens().tokenInfo(i));
        // the kept tokens were generated after the origin's prompt: the branch continues after the same one
        String systemPrompt = from.systemPrompt() != null ? from.systemPrompt() : settings.systemPrompt();
        AssistantVersion start = AssistantVersion.starting(from.sampling(), from.maxTokens(), from.thinkingBudget(),
                clock.millis()).withOrigin(origin).withGeneration(generator.identity(), systemPrompt)
                .withContextVersions(from.contextVersions());
        return respond(start, systemPrompt, (request, events) -> generator.continueFrom(request,
                new Continuation(kept, insert), events), listener, assistantMessageId);
    }

    /**
     * Replaces the text of a user message, drops everything after it, and generates a new response.
     */
    public String editAndResend(String userMessageId, String newText, TextGenerator generator, AppSettings settings,
                                Consumer<GenerationEvent> listener) {
        if (newText.isBlank()) throw new IllegalArgumentException("the message is empty");
        long now = clock.millis();
        synchronized (this) {
            requireIdle();
            int index = conversation.indexOf(userMessageId);
            if (!(conversation.messages().get(index) instanceof UserMessage old)) {
                throw new IllegalArgumentException("message " + userMessageId + " is not the user's");
            }
            List<Message> kept = new ArrayList<>(conversation.messages().subList(0, index));
            kept.add(new UserMessage(old.id(), newText, old.createdAt()));
            conversation = conversation.withMessages(kept, now);
        }
        return respond(generator, settings, listener, null);
    }

    /** Asks the running generation to stop; it ends marked stopped. Does nothing when none runs. */
    public void stop() {
        Running run = stopRequested();
        GenerationHandle handle = run == null ? null : run.handle;
        if (handle != null) handle.cancel();
    }

    /**
     * Stops the running generation for good, as the app does when it closes: asks it to stop and waits up to
     * {@code timeout} for its final event, which the conversation takes in and queues a save of, as always. When the
     * final event does not come in time (a generator that does not stop), the response as received so far goes into
     * the conversation, still in progress (it loads as stopped), and a save of it is queued; a final event that comes
     * later is still taken in. Either way, once this returns, the saves queued hold everything the response received
     * until then. Does nothing when no generation runs. Must not be called on the generator's thread (from a
     * listener): it would wait for itself.
     */
    public void stopAndKeep(Duration timeout) {
        Running run = stopRequested();
        if (run == null) return;
        GenerationHandle handle = run.handle;
        if (handle != null) {
            handle.cancel();
            awaitEnd(handle, timeout);
        }
        boolean keep;
        synchronized (this) {
            keep = running == run;
            if (keep) takeIn(run, clock.millis());
        }
        if (keep) saveLater();
    }

    /** Marks the running generation as asked to stop and returns it; null when none runs. */
    private synchronized Running stopRequested() {
        if (running != null) running.cancelRequested = true;
        return running;
    }

    /** Waits up to {@code timeout} for a stopped generation's final event; a wait that ends otherwise is logged. */
    private void awaitEnd(GenerationHandle handle, Duration timeout) {
        String id = conversation().id();
        try {
            handle.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the generation in conversation {} did not end within {} ms of being stopped; the response is"
                    + " kept as received", id, timeout.toMillis(), e);
        } catch (ExecutionException e) {
            LOG.warn("the final event of the generation in conversation {} was not delivered", id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("waiting for the generation in conversation {} to end was interrupted; the response is kept as"
                    + " received", id, e);
        }
    }

    /** Removes a user message together with the response to it, or a response alone. */
    public void deleteMessage(String messageId) {
        synchronized (this) {
            if (running != null && running.messageId.equals(messageId)) {
                throw new IllegalStateException("stop the generation before deleting its message");
            }
            int index = conversation.indexOf(messageId);
            List<Message> messages = new ArrayList<>(conversation.messages());
            boolean withReply = messages.get(index) instanceof UserMessage && index + 1 < messages.size()
                    && messages.get(index + 1) instanceof AssistantMessage reply
                    && (running == null || !running.messageId.equals(reply.id()));
            if (withReply) messages.remove(index + 1);
            messages.remove(index);
            conversation = conversation.withMessages(messages, clock.millis());
        }
        saveLater();
    }

    public void rename(String title) {
        if (title.isBlank()) throw new IllegalArgumentException("the title is empty");
        synchronized (this) {
            conversation = conversation.withTitle(title.strip(), clock.millis());
        }
        saveLater();
    }

    /** Shows version {@code index} of an assistant message and uses it as context from now on. */
    public void selectVersion(String assistantMessageId, int index) {
        synchronized (this) {
            requireIdle();
            AssistantMessage message = (AssistantMessage) conversation.message(assistantMessageId);
            conversation = conversation.withReplaced(message.withSelected(index), clock.millis());
        }
        saveLater();
    }

    /** Remembers whether the thinking pane of an assistant message is open. */
    public void setThinkingOpen(String assistantMessageId, boolean open) {
        synchronized (this) {
            AssistantMessage message = (AssistantMessage) conversation.message(assistantMessageId);
            if (message.thinkingOpen() == open) return;
            conversation = conversation.withReplaced(message.withThinkingOpen(open), conversation.updatedAt());
        }
        saveLater();
    }

    /**
     * Keeps what the inspector's probes found about version {@code versionIndex} of a response: {@code update} turns
     * what was kept before into what is kept now (so that two probes finishing one after the other both stay). A
     * version still being generated cannot take results.
     *
     * @throws IllegalArgumentException when the message is not a response or has no such version
     * @throws IllegalStateException    when that version is still being generated
     */
    public void updateProbes(String assistantMessageId, int versionIndex, UnaryOperator<ProbeResults> update) {
        synchronized (this) {
            if (!(conversation.message(assistantMessageId) instanceof AssistantMessage message)) {
                throw new IllegalArgumentException(assistantMessageId + " is not a response");
            }
            if (versionIndex < 0 || versionIndex >= message.versions().size()) {
                throw new IllegalArgumentException("response " + assistantMessageId + " has no version " + versionIndex);
            }
            AssistantVersion version = message.versions().get(versionIndex);
            if (version.state() == ResponseState.IN_PROGRESS) {
                throw new IllegalStateException("version " + versionIndex + " of " + assistantMessageId
                        + " is still being generated");
            }
            conversation = conversation.withReplaced(message.withVersion(versionIndex,
                    version.withProbes(update.apply(version.probes()))),
                    conversation.updatedAt());
        }
        saveLater();
    }

    private String respond(TextGenerator generator, AppSettings settings, Consumer<GenerationEvent> listener,
                           String regeneratedId) {
        SamplingSettings sampling;
        synchronized (this) {
            sampling = settings.samplingForNextGeneration(seeds);
        }
        AssistantVersion start = AssistantVersion.starting(sampling, settings.maxTokens(),
                settings.thinkingBudget(), clock.millis()).withGeneration(generator.identity(), settings.systemPrompt());
        return respond(start, settings.systemPrompt(), generator::start, listener, regeneratedId);
    }

    /** How a response is started on a generator. */
    @FunctionalInterface
    private interface Launch {
        GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener);
    }

    private String respond(AssistantVersion start, String systemPrompt, Launch launch,
                           Consumer<GenerationEvent> listener, String regeneratedId) {
        long now = start.createdAt();
        GenerationRequest request;
        Running run;
        synchronized (this) {
            AssistantMessage message;
            int contextCount = regeneratedId == null ? conversation.messages().size()
                    : conversation.indexOf(regeneratedId);
            // the earlier responses' versions this one answers after (a branch's own when they still exist, else the
            // selected ones), recorded so that an export and the inspector can rebuild its prompt
            List<Integer> context = conversation.versionsOr(contextCount, start.contextVersions());
            AssistantVersion recorded = start.withContextVersions(context);
            if (regeneratedId == null) {
                message = new AssistantMessage(newId(), List.of(recorded), 0, true);
                conversation = conversation.withAppended(message, now);
            } else {
                message = ((AssistantMessage) conversation.message(regeneratedId)).withAddedVersion(recorded)
                        .withThinkingOpen(true);
                conversation = conversation.withReplaced(message, now);
            }
            request = new GenerationRequest(conversation.turns(contextCount, systemPrompt, context),
                    recorded.sampling(), recorded.maxTokens(), recorded.thinkingBudget(), stopStrings);
            run = new Running(message.id(), new ResponseBuilder(recorded), now);
            running = run;
        }
        saveLater();
        try {
            GenerationHandle handle = launch.start(request, event -> onEvent(run, event, listener));
            boolean cancelNow;
            synchronized (this) {
                run.handle = handle;
                cancelNow = run.cancelRequested;
            }
            if (cancelNow) handle.cancel();
        } catch (Throwable e) { // whatever it is, the response must end visibly, not stay "generating"
            LOG.error("a generation in conversation {} could not start", conversation().id(), e);
            GenerationEvent.Failed failed = new GenerationEvent.Failed("the generation could not start: "
                    + Failures.describe(e), e);
            onEvent(run, failed, listener);
        }
        return run.messageId;
    }

    private void onEvent(Running run, GenerationEvent event, Consumer<GenerationEvent> listener) {
        boolean save;
        synchronized (this) {
            if (running != run) return;
            boolean ended = run.builder.accept(event);
            long now = clock.millis();
            boolean draftDue = run.builder.changes() != run.draftedChanges
                    && now - run.lastDraftSave >= DRAFT_INTERVAL.toMillis();
            if (ended || draftDue) takeIn(run, now);
            if (ended) running = null;
            save = ended || draftDue;
        }
        if (save) saveLater();
        listener.accept(event);
    }

    /** Puts the running response as it stands (a draft, or its end) into the conversation. Holds the monitor. */
    private void takeIn(Running run, long now) {
        AssistantMessage message = (AssistantMessage) conversation.message(run.messageId);
        conversation = conversation.withReplaced(message.withCurrent(run.builder.current()), now);
        run.lastDraftSave = now;
        run.draftedChanges = run.builder.changes();
    }

    private volatile boolean unsaved;
    /** A save is queued and has not read the conversation yet: another one would write the same state. */
    private final AtomicBoolean saveQueued = new AtomicBoolean();
    /** The conversation as last written (records are immutable: every change makes a new instance). */
    private volatile Conversation lastSaved;

    /**
     * Queues a save of the conversation as it will be when the save runs. Saves already queued take later changes
     * with them, and a conversation unchanged since it was last written is not written again.
     */
    private void saveLater() {
        if (store == null) return; // in memory only
        if (!saveQueued.compareAndSet(false, true)) return;
        try {
            saveExecutor.execute(this::writeQueuedSave);
        } catch (RejectedExecutionException e) {
            // the app is closing and its save thread has stopped: the conversation stays unsaved, and a later save
            // (retrySave, saveNow at exit) may still be asked for
            LOG.warn("the save of conversation {} could not be queued; it is kept in memory", conversation().id(), e);
            saveQueued.set(false);
            unsaved = true;
        }
    }

    /** The queued save, on the save executor: writes the conversation unless it is saved as it is. */
    private void writeQueuedSave() {
        saveQueued.set(false);
        Conversation current = conversation();
        if (current == lastSaved && !unsaved) return;
        try {
            store.save(current);
            lastSaved = current;
            unsaved = false;
        } catch (IOException e) {
            LOG.error("could not save the conversation {}", current.id(), e);
            unsaved = true;
            saveFailures.accept(e);
        }
    }

    /** Whether the last save failed: the conversation then exists only in memory. */
    public boolean isUnsaved() {
        return unsaved;
    }

    /** Saves again when the last save failed (on the save executor, like every save); does nothing otherwise. */
    public void retrySave() {
        if (unsaved) saveLater();
    }

    /**
     * Saves now, on the calling thread (which should be the save executor's, at exit), and says whether it worked;
     * a failure is logged and leaves the conversation marked unsaved.
     */
    public boolean saveNow() {
        try {
            store.save(conversation());
            unsaved = false;
            return true;
        } catch (IOException e) {
            LOG.error("could not save the conversation {}", conversation().id(), e);
            unsaved = true;
            return false;
        }
    }

    /** The last message, which must be the response {@code assistantMessageId}; else says what cannot be done. */
    private AssistantMessage lastResponse(String assistantMessageId, String done) {
        List<Message> messages = conversation.messages();
        if (messages.isEmpty() || !messages.getLast().id().equals(assistantMessageId)
                || !(messages.getLast() instanceof AssistantMessage message)) {
            throw new IllegalArgumentException("only the last response can be " + done);
        }
        return message;
    }

    private void requireIdle() {
        if (running != null) throw new IllegalStateException("a response is still being generated");
    }

    private static String titleFrom(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.length() <= TITLE_LENGTH) return line;
        int end = TITLE_LENGTH - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) end--; // never half a character
        return line.substring(0, end) + "…";
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}

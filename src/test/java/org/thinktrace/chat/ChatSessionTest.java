package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.store.ConversationFormat;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;
import org.thinktrace.testing.ScriptedGenerator;

class ChatSessionTest {

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<IOException> saveFailures = new CopyOnWriteArrayList<>();

    private ConversationStore store() {
        return new ConversationStore(folder);
    }

    private ChatSession newSession() {
        return new ChatSession(Conversation.start(clock.millis()), store(), Runnable::run, saveFailures::add, clock);
    }

    /** Collects events and completes when the last one arrives. */
    private static final class Recorder implements Consumer<GenerationEvent> {
        final List<GenerationEvent> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<GenerationEvent> last = new CompletableFuture<>();

        @Override
        public void accept(GenerationEvent event) {
            events.add(event);
            if (event instanceof GenerationEvent.Finished || event instanceof GenerationEvent.Failed) last.complete(event);
        }

        GenerationEvent await() throws Exception {
            return last.get(10, TimeUnit.SECONDS);
        }
    }

    /** Sends each question and waits for its response; returns the ids of the responses. */
    private static List<String> exchange(ChatSession session, ScriptedGenerator generator, String... questions)
            throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (String q : questions) {
            Recorder r = new Recorder();
            ids.add(session.send(q, generator, AppSettings.defaults(), r));
            r.await();
        }
        return ids;
    }

    private static AssistantMessage lastAssistant(ChatSession session) {
        return (AssistantMessage) session.conversation().messages().getLast();
    }

    @Test
    void sendAddsTheExchangeFoldsTheEventsAndSaves() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Two ", "plus two."), List.of("It is ", "4."));
        ChatSession session = newSession();
        Recorder events = new Recorder();

        session.send("What is 2+2?", generator, AppSettings.defaults(), events);
        events.await();

        assertEquals(List.of(new ChatTurn(Role.USER, "What is 2+2?")), generator.requests().getFirst().conversation());
        AssistantVersion version = lastAssistant(session).current();
        assertEquals("Two plus two.", version.thinking());
        assertEquals("It is 4.", version.answer());
        assertEquals(ResponseState.COMPLETE, version.state());
        assertEquals(FinishReason.EOS, version.finishReason());
        assertEquals(4, version.tokens().size());
        assertEquals(2, version.tokens().thinkingTokens());
        assertEquals("What is 2+2?", session.conversation().title());
        assertFalse(session.isGenerating());

        Conversation saved = store().loadAll().conversations().getFirst();
        assertEquals(session.conversation().id(), saved.id());
        assertEquals("It is 4.", ((AssistantMessage) saved.messages().getLast()).current().answer());
        assertEquals(List.of(), saveFailures);
    }

    @Test
    void laterTurnsCarryEarlierThinkingInThinkTagsAndTheSystemPrompt() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Hmm."), List.of("Hi!"));
        ChatSession session = newSession();
        Recorder first = new Recorder();
        session.send("Hello", generator, AppSettings.defaults(), first);
        first.await();
        AppSettings withPrompt = new AppSettings(AppSettings.defaults().sampling(), 100, 50, "Be brief.", true,
                Theme.LIGHT, 14);
        Recorder second = new Recorder();
        session.send("Again", generator, withPrompt, second);
        second.await();

        GenerationRequest request = generator.requests().get(1);
        assertEquals(List.of(ChatTurn.system("Be brief."), ChatTurn.user("Hello"),
                ChatTurn.assistant("<think>\nHmm.\n</think>\n\nHi!"), ChatTurn.user("Again")), request.conversation());
        assertEquals(100, request.maxTokens());
        assertEquals(50, request.thinkingBudget());
    }

    @Test
    void aSessionInMemoryStopsWhereItIsToldAndKeepsTheTagsOfAnAnswerWithoutThinking() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of(), List.of("Hi!"));
        ChatSession session = ChatSession.inMemory(Conversation.start(clock.millis()), clock, List.of("THE END"));
        Recorder first = new Recorder();
        session.send("Hello", generator, AppSettings.defaults(), first);
        first.await();
        Recorder second = new Recorder();
        session.send("Again", generator, AppSettings.defaults(), second);
        second.await();

        assertEquals(List.of("THE END"), generator.requests().get(1).stopStrings());
        assertEquals(List.of(ChatTurn.user("Hello"), ChatTurn.assistant("<think>\n\n</think>\n\nHi!"),
                ChatTurn.user("Again")), generator.requests().get(1).conversation(),
                "an answer without thinking keeps the tags, as one with thinking does");
        assertEquals(4, session.conversation().messages().size());
    }

    @Test
    void stopEndsTheResponseMarkedStoppedWithUnfinishedThinking() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(List.of("a", "b", "c", "d"), List.of("answer"));
        ChatSession session = newSession();
        Recorder events = new Recorder();
        session.send("Think", generator, AppSettings.defaults(), events);
        generator.release(2);
        awaitDelivered(generator, 2);
        assertTrue(session.isGenerating());

        session.stop();
        GenerationEvent last = events.await();

        assertEquals(FinishReason.CANCELLED, ((GenerationEvent.Finished) last).reason());
        AssistantVersion version = lastAssistant(session).current();
        assertEquals(ResponseState.STOPPED, version.state());
        assertTrue(version.thinkingUnfinished());
        assertEquals("ab", version.thinking());
        assertEquals("", version.answer());
    }

    @Test
    void eachGenerationDrawsAFreshSeedAndItsVersionStoresTheSeedUsed() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("answer"));
        ChatSession session = new ChatSession(Conversation.start(clock.millis()), store(), Runnable::run,
                saveFailures::add, clock, new java.util.SplittableRandom(7));
        String id = exchange(session, generator, "Q").getFirst();
        for (int i = 0; i < 2; i++) {
            Recorder again = new Recorder();
            session.regenerate(id, generator, AppSettings.defaults(), again);
            again.await();
        }

        List<Long> requested = generator.requests().stream().map(r -> r.sampling().seed()).toList();
        List<Long> stored = lastAssistant(session).versions().stream().map(v -> v.sampling().seed()).toList();
        assertEquals(requested, stored, "each version keeps the seed its generation used");
        assertEquals(3, java.util.Set.copyOf(requested).size(), "three generations, three seeds: " + requested);
        java.util.SplittableRandom reference = new java.util.SplittableRandom(7);
        assertEquals(List.of(reference.nextLong(1L << 31), reference.nextLong(1L << 31), reference.nextLong(1L << 31)),
                requested, "the seeds are the ones drawn from the session's source");
        AssistantMessage saved = (AssistantMessage) new ConversationStore(folder).loadAll().conversations().getFirst()
                .messages().getLast();
        assertEquals(requested, saved.versions().stream().map(v -> v.sampling().seed()).toList(),
                "the seeds are saved with the versions");
    }

    @Test
    void aFixedSeedIsUsedEveryTime() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("answer"));
        ChatSession session = newSession();
        AppSettings d = AppSettings.defaults();
        AppSettings fixed = new AppSettings(d.sampling().withSeed(1234), SeedMode.FIXED, d.maxTokens(),
                d.thinkingBudget(), "", true, d.theme(), d.fontSize(), null);
        Recorder first = new Recorder();
        String id = session.send("Q", generator, fixed, first);
        first.await();
        Recorder second = new Recorder();
        session.regenerate(id, generator, fixed, second);
        second.await();

        assertEquals(List.of(1234L, 1234L), generator.requests().stream().map(r -> r.sampling().seed()).toList());
        assertEquals(List.of(1234L, 1234L),
                lastAssistant(session).versions().stream().map(v -> v.sampling().seed()).toList());
    }

    @Test
    void regenerateAddsAVersionAndSendsTheConversationWithoutTheOldResponse() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("answer"));
        ChatSession session = newSession();
        String id = exchange(session, generator, "Q").getFirst();
        Recorder second = new Recorder();

        assertEquals(id, session.regenerate(id, generator, AppSettings.defaults(), second));
        second.await();

        AssistantMessage message = lastAssistant(session);
        assertEquals(2, message.versions().size());
        assertEquals(1, message.selected());
        assertEquals(ResponseState.COMPLETE, message.versions().get(0).state());
        assertEquals(List.of(ChatTurn.user("Q")), generator.requests().get(1).conversation());
        assertEquals(2, session.conversation().messages().size());

        session.selectVersion(id, 0);
        assertEquals(0, ((AssistantMessage) store().loadAll().conversations().getFirst().messages().get(1)).selected());
    }

    @Test
    void eachVersionRecordsTheEarlierVersionsItAnsweredAfterAndABranchContinuesAfterThem() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t1"), List.of("first"))
                .then(List.of("t2"), List.of("second")).then(List.of("t3"), List.of("third"));
        ChatSession session = newSession();
        String firstId = exchange(session, generator, "Q1").getFirst();
        Recorder regenerated = new Recorder();
        session.regenerate(firstId, generator, AppSettings.defaults(), regenerated);
        regenerated.await();
        String lastId = exchange(session, generator, "Q2").getFirst();
        AssistantVersion answered = lastAssistant(session).current();
        assertEquals(List.of(1), answered.contextVersions(), "Q2 was answered after the second version of Q1's response");
        assertEquals(List.of(), ((AssistantMessage) session.conversation().messages().get(1)).versions().get(1)
                .contextVersions(), "a response with no earlier one records an empty list");

        session.selectVersion(firstId, 0);
        AssistantVersion reread = ((AssistantMessage) store().loadAll().conversations().getFirst().messages().get(3))
                .current();
        assertEquals(List.of(1), reread.contextVersions(), "kept in the file");
        String secondVersionOfQ1 = session.conversation().turns(3, "", List.of(1)).get(1).content();
        assertTrue(secondVersionOfQ1.contains("second"), secondVersionOfQ1);

        // a branch of Q2's response continues after the prompt its kept tokens were generated after
        List<GenerationRequest> continued = new CopyOnWriteArrayList<>();
        TextGenerator branching = new TextGenerator() {
            @Override
            public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
                return generator.start(request, listener);
            }

            @Override
            public GenerationHandle continueFrom(GenerationRequest request, org.thinktrace.generate.Continuation c,
                                                 Consumer<GenerationEvent> listener) {
                continued.add(request);
                return TextGenerator.super.continueFrom(request, c, listener);
            }

            @Override
            public String modelName() {
                return generator.modelName();
            }

            @Override
            public String deviceDescription() {
                return generator.deviceDescription();
            }

            @Override
            public int contextLength() {
                return generator.contextLength();
            }

            @Override
            public void close() {
            }
        };
        session.branch(lastId, new BranchOrigin(0, 1, "t", "x", false), new org.thinktrace.generate.Continuation.Nothing(),
                branching, AppSettings.defaults(), new Recorder());
        assertEquals(1, continued.size());
        assertEquals(ChatTurn.assistant(secondVersionOfQ1), continued.getFirst().conversation().get(1),
                "the branch's prompt holds the version of Q1's response its origin answered after, not the shown one");
        assertEquals(List.of(1), lastAssistant(session).versions().getLast().contextVersions());
    }

    @Test
    void aSaveThatCannotBeQueuedAnyMoreLeavesTheConversationUnsavedAndTheResponseWhole() throws Exception {
        java.util.concurrent.ExecutorService saves = java.util.concurrent.Executors.newSingleThreadExecutor();
        saves.shutdown(); // the app is closing: its save thread has stopped
        ChatSession session = new ChatSession(Conversation.start(clock.millis()), store(), saves, saveFailures::add,
                clock);
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("answer"));
        Recorder events = new Recorder();
        session.send("Q", generator, AppSettings.defaults(), events);
        assertTrue(events.await() instanceof GenerationEvent.Finished, "the response still finishes");
        assertEquals("answer", lastAssistant(session).current().answer());
        assertTrue(session.isUnsaved());
        assertTrue(session.saveNow(), "saving at exit on the calling thread still works");
        assertEquals("answer", ((AssistantMessage) store().loadAll().conversations().getFirst().messages().getLast())
                .current().answer());
    }

    @Test
    void onlyTheLastResponseCanBeRegenerated() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("a"));
        ChatSession session = newSession();
        String firstId = exchange(session, generator, "Q1", "Q2").getFirst();
        assertThrows(IllegalArgumentException.class,
                () -> session.regenerate(firstId, generator, AppSettings.defaults(), new Recorder()));
    }

    @Test
    void editAndResendReplacesTheTextAndDropsEverythingAfterIt() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("a"));
        ChatSession session = newSession();
        exchange(session, generator, "Q1", "Q2");
        String firstUserId = session.conversation().messages().getFirst().id();
        Recorder r = new Recorder();

        session.editAndResend(firstUserId, "Q1 edited", generator, AppSettings.defaults(), r);
        r.await();

        List<Message> messages = session.conversation().messages();
        assertEquals(2, messages.size());
        assertEquals(new UserMessage(firstUserId, "Q1 edited", clock.millis()), messages.getFirst());
        assertEquals(List.of(ChatTurn.user("Q1 edited")), generator.requests().getLast().conversation());
    }

    @Test
    void draftIsSavedEveryTwoSecondsAndComesBackStoppedAfterACrash() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(List.of("one ", "two ", "three"), List.of("x"));
        ChatSession session = newSession();
        Recorder events = new Recorder();
        session.send("Q", generator, AppSettings.defaults(), events);
        generator.release(1);
        awaitDelivered(generator, 1);
        AssistantVersion beforeInterval = ((AssistantMessage) readBack().messages().getLast()).current();
        assertEquals("", beforeInterval.thinking(), "no draft before two seconds passed");

        clock.advance(ChatSession.DRAFT_INTERVAL);
        generator.release(1);
        awaitDelivered(generator, 2);
        awaitCondition(() -> "one two ".equals(((AssistantMessage) readBack().messages().getLast()).current().thinking()));

        // the app "dies" here: a fresh load finds the draft, kept and marked stopped
        AssistantVersion recovered = ((AssistantMessage) readBack().messages().getLast()).current();
        assertEquals(ResponseState.STOPPED, recovered.state());
        assertTrue(recovered.thinkingUnfinished());
        session.stop();
        events.await();
    }

    @Test
    void draftsAreWrittenAtMostEveryTwoSecondsAndOnlyWhileTheResponseGrows() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        ConversationStore counting = new ConversationStore(folder, (out, c) -> {
            writes.incrementAndGet();
            ConversationFormat.write(out, c);
        }, clock);
        ChatSession session = new ChatSession(Conversation.start(clock.millis()), counting, Runnable::run,
                saveFailures::add, clock);
        ScriptedGenerator generator = new ScriptedGenerator(List.of("one ", "two ", "three "), List.of("x"));
        Recorder events = new Recorder();
        session.send("Q", generator, AppSettings.defaults(), events);
        assertEquals(1, writes.get(), "the question and the empty response");

        generator.release(1);
        awaitDelivered(generator, 1);
        assertEquals(1, writes.get(), "no draft before two seconds passed");
        clock.advance(ChatSession.DRAFT_INTERVAL);
        generator.release(1);
        awaitDelivered(generator, 2);
        awaitCondition(() -> writes.get() == 2);
        clock.advance(ChatSession.DRAFT_INTERVAL.dividedBy(2));
        generator.release(1);
        awaitDelivered(generator, 3);
        clock.advance(ChatSession.DRAFT_INTERVAL);
        assertEquals(2, writes.get(), "one draft per two seconds, however many tokens came");
        generator.release(1);
        events.await();
        assertEquals(4, writes.get(), "a draft with the answer's token (two seconds passed), then the finished response");
        assertEquals("one two three ", ((AssistantMessage) readBack().messages().getLast()).current().thinking());
    }

    @Test
    void savesAskedForWhileOneWaitsAreWrittenOnce() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        ConversationStore counting = new ConversationStore(folder, (out, c) -> {
            writes.incrementAndGet();
            ConversationFormat.write(out, c);
        }, clock);
        List<Runnable> queued = new ArrayList<>();
        ChatSession session = new ChatSession(Conversation.start(clock.millis()), counting, queued::add,
                saveFailures::add, clock);
        session.rename("first");
        session.rename("second");
        assertEquals(1, queued.size(), "the waiting save takes the second change with it");
        queued.removeFirst().run();
        assertEquals(1, writes.get());
        assertEquals("second", readBack().title());
        session.retrySave();
        assertEquals(List.of(), queued, "nothing to retry after a successful save");
        session.rename("second");
        queued.removeFirst().run();
        assertEquals(2, writes.get(), "a rename is a change (its time is new)");
    }

    @Test
    void generatorThatRefusesToStartLeavesAFailedResponse() throws Exception {
        TextGenerator busy = new RefusingGenerator();
        ChatSession session = newSession();
        Recorder events = new Recorder();

        session.send("Q", busy, AppSettings.defaults(), events);

        GenerationEvent.Failed failed = (GenerationEvent.Failed) events.await();
        assertEquals("the generation could not start: busy", failed.message());
        AssistantVersion version = lastAssistant(session).current();
        assertEquals(ResponseState.FAILED, version.state());
        assertEquals("the generation could not start: busy", version.error());
        assertFalse(session.isGenerating());
    }

    @Test
    void deletingAUserMessageTakesItsResponseAlong() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("a"));
        ChatSession session = newSession();
        exchange(session, generator, "Q1", "Q2");
        session.deleteMessage(session.conversation().messages().getFirst().id());
        assertEquals(List.of("Q2"), session.conversation().messages().stream()
                .filter(m -> m instanceof UserMessage).map(m -> ((UserMessage) m).text()).toList());
        assertEquals(2, readBack().messages().size());
    }

    @Test
    void probeResultsAreKeptWithTheirVersionAndComeBackFromTheFile() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("4"));
        ChatSession session = newSession();
        String id = exchange(session, generator, "Q1").getFirst();
        Recorder again = new Recorder();
        session.regenerate(id, generator, AppSettings.defaults(), again);
        again.await();
        Convergence convergence = Convergence.of(List.of(new InterimAnswer(0, 1, "4", "4", 0.9)), "4", 1, true);
        Importance importance = new Importance(List.of(new StepResampling(0, List.of("3"), List.of("4"), 0, 1, 12)),
                12, true);

        session.updateProbes(id, 0, kept -> kept.withConvergence(convergence));
        session.updateProbes(id, 0, kept -> kept.withImportance(importance));

        AssistantMessage saved = (AssistantMessage) readBack().message(id);
        assertEquals(new ProbeResults(convergence, importance), saved.versions().get(0).probes());
        assertEquals(ProbeResults.NONE, saved.versions().get(1).probes(), "the other version keeps nothing");
        assertEquals(1, saved.selected(), "keeping results does not change the shown version");
        assertThrows(IllegalArgumentException.class, () -> session.updateProbes(id, 2, kept -> kept));
    }

    private Conversation readBack() {
        return store().loadAll().conversations().getFirst();
    }

    private static void awaitDelivered(ScriptedGenerator generator, int tokens) throws InterruptedException {
        awaitCondition(() -> generator.delivered() >= tokens);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(5);
        }
    }

    /** A generator that is always busy. */
    private static final class RefusingGenerator implements TextGenerator {
        @Override
        public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
            throw new IllegalStateException("busy");
        }

        @Override
        public String modelName() {
            return "busy";
        }

        @Override
        public String deviceDescription() {
            return "none";
        }

        @Override
        public int contextLength() {
            return 1;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}

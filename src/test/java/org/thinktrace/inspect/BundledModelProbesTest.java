package org.thinktrace.inspect;

import org.thinktrace.chat.StepResampling;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.Convergence;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import org.thinktrace.generate.TokenIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.Sampler;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.text.ChatTurn;

/** Convergence probes and branching on the bundled model, through the real generator. */
class BundledModelProbesTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");
    private static final String QUESTION = "What is 738 + 456?";
    private static LoadedModel bundle;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no bundled model in " + MODEL.toAbsolutePath());
        bundle = ModelSource.at(MODEL).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                RuntimeSettings.defaults().withThreads(1)), LoadProgress.NONE);
    }

    @AfterAll
    static void close() {
        if (bundle != null) bundle.close();
    }

    private static Response greedyOriginal;

    /**
     * The greedy response to {@link #QUESTION}, generated once for the tests that start from it (greedy decoding gives
     * the same tokens every time, as the convergence test checks with a fresh run).
     */
    private static synchronized Response original() throws Exception {
        if (greedyOriginal == null) greedyOriginal = generate(QUESTION, null);
        return greedyOriginal;
    }

    /** A generated response: its tokens and its end. */
    private record Response(List<TokenInfo> tokens, GenerationEvent.Finished finished) {
        int[] ids() {
            return tokens.stream().mapToInt(TokenInfo::id).toArray();
        }

        int thinkingTokens() {
            return (int) tokens.stream().filter(t -> t.phase() == Phase.THINKING).count();
        }
    }

    private static Response generate(String question, Continuation continuation) throws Exception {
        Generator generator = bundle.generator();
        List<TokenInfo> tokens = new ArrayList<>();
        GenerationRequest request = greedy(question);
        var listener = (java.util.function.Consumer<GenerationEvent>) e -> {
            if (e instanceof TokenInfo t) tokens.add(t);
        };
        GenerationEvent end = (continuation == null ? generator.start(request, listener)
                : generator.continueFrom(request, continuation, listener)).done().get(120, TimeUnit.SECONDS);
        return new Response(tokens, assertInstanceOf(GenerationEvent.Finished.class, end, end.toString()));
    }

    /** {@code count} listeners, each collecting its run's token ids into a list of its own added to {@code ids}. */
    /** {@code question} asked alone, greedily, with room for 400 tokens. */
    private static GenerationRequest greedy(String question) {
        return new GenerationRequest(List.of(ChatTurn.user(question)), SamplingSettings.greedy(), 400, 0, List.of());
    }

    /** The token ids {@code question} gets asked through the generator alone ({@link #greedy}). */
    private static List<Integer> idsAlone(String question) throws Exception {
        return generate(question, null).tokens().stream().map(TokenInfo::id).toList();
    }

    /** A cancel for each of {@code count} runs that never cancels. */
    private static List<java.util.function.BooleanSupplier> neverCancelled(int count) {
        return java.util.Collections.nCopies(count, () -> false);
    }

    private static List<java.util.function.Consumer<GenerationEvent>> tokenCollectors(int count, List<List<Integer>> ids) {
        List<java.util.function.Consumer<GenerationEvent>> listeners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
            ids.add(tokens);
            listeners.add(e -> {
                if (e instanceof TokenInfo t) tokens.add(t.id());
            });
        }
        return listeners;
    }

    private static int[] promptIds(String question) {
        return bundle.text().codec().encodeConversation(List.of(ChatTurn.user(question))).ids();
    }

    /** Step ends at every line break of the thinking (each line of the bundled model's traces is one step). */
    private static int[] lineEnds(Response response) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < response.thinkingTokens(); i++) {
            if (response.tokens().get(i).text().contains("\n")) ends.add(i + 1);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theAnswerIsWrongEarlyAndSettlesLaterAndTheCacheIsRestored() throws Exception {
        Response original = original();
        assertTrue(original.finished().answer().contains("1194"), original.finished().answer());
        int[] boundaries = lineEnds(original);
        int[] thinking = Arrays.copyOf(original.ids(), original.thinkingTokens());
        String finalAnswer = AnswerExtractor.extract(original.finished().answer());
        List<int[]> progress = new ArrayList<>();
        Convergence c = bundle.generator().probe(session -> new ConvergenceProbe(24, ConvergenceProbe.FIRST_LINE_ANSWER)
                .run(session, promptIds(QUESTION), thinking, boundaries, finalAnswer,
                        (done, total) -> progress.add(new int[] {done, total})))
                .result().get(120, TimeUnit.SECONDS);

        assertEquals("1194", finalAnswer);
        assertEquals(boundaries.length, c.steps().size());
        assertTrue(c.complete());
        assertNotEquals(finalAnswer, c.steps().get(0).answer(), "the first line alone does not give the sum");
        assertTrue(c.settledStep() > 0 && c.settledStep() < boundaries.length, "settled at " + c.settledStep());
        for (int i = c.settledStep(); i < c.steps().size(); i++) assertEquals(finalAnswer, c.steps().get(i).answer());
        assertNotEquals(finalAnswer, c.steps().get(c.settledStep() - 1).answer());
        int settledAt = c.steps().get(c.settledStep()).tokenIndex();
        // the share counts the thinking to its last step's end, not the end-of-thinking tag after it
        int thinkingEnd = boundaries[boundaries.length - 1];
        assertTrue(thinkingEnd < thinking.length, thinkingEnd + " of " + thinking.length);
        assertEquals((thinkingEnd - settledAt) / (double) thinkingEnd, c.afterSettledShare(), 1e-12);
        assertTrue(c.steps().stream().allMatch(s -> s.probability() > 0 && s.probability() <= 1));
        assertEquals(boundaries.length, progress.size());
        assertArrayEquals(new int[] {boundaries.length, boundaries.length}, progress.getLast());

        // the cache was restored: the same request gives exactly the tokens of the first run
        Response again = generate(QUESTION, null);
        assertArrayEquals(original.ids(), again.ids());
    }

    /**
     * The probes of twenty cuts of the trace (more than two groups of {@code TogetherGreedyRuns.MAX_TOGETHER}), decoded
     * together through the generator's session, against the same cuts one after another (ModelSession's own
     * default, reached through a session that forwards everything else): the same tokens, probabilities within the
     * batched products' rounding, every cut reported finished once; and a probe cancelled once the first cuts have
     * finished returns a leading run of them.
     */
    @Test
    void probesDecodedTogetherWriteTheTokensOfProbesOneAfterAnother() throws Exception {
        Response original = original();
        int[] sequence = TokenIds.concat(promptIds(QUESTION), Arrays.copyOf(original.ids(), original.thinkingTokens()));
        int[] cuts = new int[20];
        for (int i = 0; i < cuts.length; i++) cuts[i] = sequence.length - (cuts.length - 1 - i) * 3;
        int[] end = bundle.text().codec().encodeControl(org.thinktrace.text.R1Response.THINKING_END);
        java.util.Set<Integer> eos = bundle.text().codec().eosIds();
        List<Integer> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        List<org.thinktrace.generate.GreedyContinuation> together = bundle.generator().probe(session ->
                session.greedyAfterCuts(sequence, cuts, end, 12, eos, reported::add)).result().get(120, TimeUnit.SECONDS);
        List<org.thinktrace.generate.GreedyContinuation> alone = bundle.generator().probe(session ->
                new OneAfterAnotherSession(session).greedyAfterCuts(sequence, cuts, end, 12, eos, i -> { }))
                .result().get(120, TimeUnit.SECONDS);
        assertEquals(cuts.length, together.size());
        assertEquals(cuts.length, alone.size());
        assertEquals(java.util.stream.IntStream.range(0, cuts.length).boxed().toList(),
                reported.stream().sorted().toList(), "each cut reported once");
        for (int i = 0; i < cuts.length; i++) {
            assertEquals(cuts[i], together.get(i).cut());
            assertArrayEquals(alone.get(i).ids(), together.get(i).ids(), "cut " + i);
            assertTrue(together.get(i).ids().length > 0, "cut " + i + " wrote nothing");
            float[] a = alone.get(i).probabilities();
            float[] t = together.get(i).probabilities();
            for (int j = 0; j < a.length; j++) assertEquals(a[j], t[j], 1e-4f, "cut " + i + ", token " + j);
        }
        var cancelling = new java.util.concurrent.atomic.AtomicReference<Generator.Probe<List<org.thinktrace.generate.GreedyContinuation>>>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        var probe = bundle.generator().probe(session -> {
            started.await();
            return session.greedyAfterCuts(sequence, cuts, end, 12, eos, i -> cancelling.get().cancel());
        });
        cancelling.set(probe);
        started.countDown();
        List<org.thinktrace.generate.GreedyContinuation> cut = probe.result().get(120, TimeUnit.SECONDS);
        assertTrue(cut.size() < cuts.length, cut.size() + " cuts after a cancel");
        for (int i = 0; i < cut.size(); i++) assertArrayEquals(together.get(i).ids(), cut.get(i).ids(), "cut " + i);
    }

    /**
     * Near the context's end each cut still writes what a run alone writes, up to the room its own cut leaves: a group
     * whose longest cut leaves room for two tokens does not stop its shorter cuts there.
     */
    @Test
    void nearTheContextsEndEachCutWritesUpToItsOwnRoom() throws Exception {
        Response original = original();
        int[] thinking = Arrays.copyOf(original.ids(), original.thinkingTokens());
        int[] end = bundle.text().codec().encodeControl(org.thinktrace.text.R1Response.THINKING_END);
        int context = bundle.generator().contextLength();
        // the question, then its thinking over and over, up to where the longest cut leaves room for two tokens
        int[] sequence = promptIds(QUESTION);
        while (sequence.length < context - end.length - 2) sequence = TokenIds.concat(sequence, thinking);
        sequence = Arrays.copyOf(sequence, context - end.length - 2);
        int[] cuts = new int[8];
        for (int i = 0; i < cuts.length; i++) cuts[i] = sequence.length - (cuts.length - 1 - i) * 4;
        java.util.Set<Integer> eos = bundle.text().codec().eosIds();
        int[] cutsUsed = cuts;
        int[] sequenceUsed = sequence;
        List<org.thinktrace.generate.GreedyContinuation> together = bundle.generator().probe(session ->
                session.greedyAfterCuts(sequenceUsed, cutsUsed, end, 24, eos, i -> { })).result().get(120, TimeUnit.SECONDS);
        List<org.thinktrace.generate.GreedyContinuation> alone = bundle.generator().probe(session ->
                new OneAfterAnotherSession(session).greedyAfterCuts(sequenceUsed, cutsUsed, end, 24, eos, i -> { }))
                .result().get(120, TimeUnit.SECONDS);
        assertEquals(cuts.length, together.size());
        for (int i = 0; i < cuts.length; i++) {
            assertArrayEquals(alone.get(i).ids(), together.get(i).ids(), "cut " + i + " at " + cuts[i]);
            assertTrue(alone.get(i).ids().length <= context - cuts[i] - end.length + 1, "cut " + i + " within the context");
        }
        assertTrue(alone.getFirst().ids().length > alone.getLast().ids().length,
                "the shortest cut had more room than the longest: " + alone.getFirst().ids().length + " and "
                        + alone.getLast().ids().length + " tokens");
    }

    @Test
    void aBranchAtATokenEqualsAFreshGreedyRunWhosePromptEndsWithThePrefixAndTheChosenToken() throws Exception {
        Response original = original();
        int t = 12; // inside the first line of thinking
        TokenInfo replaced = original.tokens().get(t);
        int alternative = replaced.top().stream().mapToInt(a -> a.id()).filter(id -> id != replaced.id())
                .findFirst().orElseThrow();
        Response branch = generate(QUESTION, new Continuation(original.tokens().subList(0, t),
                new Continuation.Token(alternative)));

        int[] kept = Arrays.copyOf(original.ids(), t);
        assertArrayEquals(kept, Arrays.copyOf(branch.ids(), t), "the branch keeps the original's first tokens");
        assertEquals(alternative, branch.ids()[t]);
        TokenInfo inserted = branch.tokens().get(t);
        float recorded = (float) replaced.top().stream().filter(a -> a.id() == alternative).findFirst().orElseThrow()
                .probability();
        assertEquals(recorded, inserted.probability(), 1e-4f, "the inserted token is reported at its position");
        assertEquals(replaced.entropy(), inserted.entropy(), 1e-4f);

        // a fresh greedy run: empty cache, the prompt, the prefix and the chosen token prefilled at once
        int[] prompt = promptIds(QUESTION);
        int[] start = TokenIds.concat(TokenIds.concat(prompt, kept), new int[] {alternative});
        int[] continuation = Arrays.copyOfRange(branch.ids(), t + 1, branch.ids().length);
        int[] fresh = bundle.generator().probe(session -> {
            session.truncate(0);
            float[] logits = session.prefill(start);
            Sampler greedy = new Sampler(SamplingSettings.greedy());
            List<Integer> out = new ArrayList<>();
            while (out.size() < continuation.length + 1) {
                int id = greedy.sample(logits).id();
                if (session.codec().eosIds().contains(id)) break;
                out.add(id);
                logits = session.append(new int[] {id});
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }).result().get(120, TimeUnit.SECONDS);
        assertArrayEquals(continuation, fresh);
    }

    @Test
    void editedTextIsInsertedAsPlainTextAndTheModelContinuesFromIt() throws Exception {
        Response original = original();
        int lineEnd = lineEnds(original)[1]; // after the line naming each number's digits
        Response edited = generate(QUESTION, new Continuation(original.tokens().subList(0, lineEnd),
                new Continuation.Text("Ones: 8 + 6 = 14, write 4, carry 1.\n")));
        String thinking = edited.finished().thinking();
        assertTrue(thinking.startsWith(original.finished().thinking().substring(0,
                original.tokens().subList(0, lineEnd).stream().mapToInt(tk -> tk.text().length()).sum())), thinking);
        assertTrue(thinking.contains("Ones: 8 + 6 = 14, write 4, carry 1.\n"), thinking);
        assertTrue(edited.finished().answer().contains("1194"), edited.finished().answer());
    }

    @Test
    void resamplingAroundAStepReportsBothSidesAndIsReproducible() throws Exception {
        Response original = original();
        int[] ends = lineEnds(original);
        List<StepImportance.StepRange> chosen = List.of(new StepImportance.StepRange(4, ends[3], ends[4]));
        StepImportance importance = new StepImportance(bundle.generator(), 2, 48, 16, AnswerExtractor::extract);
        List<int[]> progress = new ArrayList<>();
        Importance first = importance.run(List.of(ChatTurn.user(QUESTION)), SamplingSettings.greedy(),
                original.tokens(), chosen, "1194", (done, total) -> progress.add(new int[] {done, total}), () -> false);
        Importance second = importance.run(List.of(ChatTurn.user(QUESTION)), SamplingSettings.greedy(),
                original.tokens(), chosen, "1194", ProbeProgress.NONE, () -> false);

        assertTrue(first.complete());
        StepResampling step = first.steps().get(0);
        assertEquals(4, step.step());
        assertEquals(2, step.answersBefore().size());
        assertEquals(2, step.answersAfter().size());
        assertEquals(step.answersAfter().stream().filter("1194"::equals).count() / 2.0, step.shareAfter());
        assertEquals(step.shareAfter() - step.shareBefore(), step.importance());
        assertTrue(first.tokens() > 0 && first.tokens() <= importance.maxTokens(1), "tokens " + first.tokens());
        assertEquals(first, second, "the same seeds give the same continuations");
        assertEquals(4, progress.size());
        Importance stopped = importance.run(List.of(ChatTurn.user(QUESTION)), SamplingSettings.greedy(),
                original.tokens(), chosen, "1194", ProbeProgress.NONE, () -> true);
        assertTrue(!stopped.complete() && stopped.steps().isEmpty());
    }

    @Test
    void continuationsDecodedTogetherEqualTheSameContinuationsRunOneAfterAnother() throws Exception {
        Response original = original();
        Continuation from = Continuation.after(original.tokens().subList(0, lineEnds(original)[2]));
        List<GenerationRequest> requests = new ArrayList<>();
        for (long seed = 11; seed <= 14; seed++) {
            // hot sampling, so that the seeds lead apart; a thinking budget just past the kept tokens, so that some
            // continuations get the end of thinking forced
            requests.add(new GenerationRequest(List.of(ChatTurn.user(QUESTION)),
                    SamplingSettings.r1Defaults().withTemperature(1.6).withSeed(seed), 160, from.kept().size() + 40,
                    List.of(), 5));
        }
        List<List<Integer>> together = bundle.generator().probe(session -> {
            List<List<Integer>> ids = new ArrayList<>();
            List<GenerationEvent.Finished> ends = session.continueBranches(requests, from, tokenCollectors(requests.size(), ids));
            assertEquals(requests.size(), ends.size());
            return ids;
        }).result().get(120, TimeUnit.SECONDS);
        List<List<Integer>> alone = bundle.generator().probe(session -> {
            List<List<Integer>> ids = new ArrayList<>();
            for (GenerationRequest request : requests) {
                List<Integer> tokens = new ArrayList<>();
                session.continueFrom(request, from, e -> {
                    if (e instanceof TokenInfo t) tokens.add(t.id());
                });
                ids.add(tokens);
            }
            return ids;
        }).result().get(120, TimeUnit.SECONDS);

        assertEquals(alone, together);
        assertTrue(together.stream().distinct().count() > 1, "the seeds give different continuations");
        assertTrue(together.stream().mapToInt(List::size).distinct().count() > 1, "the continuations end at different steps");
    }

    @Test
    void differentQuestionsDecodedTogetherEqualTheSameQuestionsAskedOneAfterAnother() throws Exception {
        List<String> questions = List.of(QUESTION, "Is 91 a prime number?", "Sort 5, 3, 9, 1.",
                "How many times does the letter r appear in strawberry?");
        List<GenerationRequest> requests = questions.stream().map(BundledModelProbesTest::greedy).toList();
        List<List<Integer>> together = bundle.generator().probe(session -> {
            List<List<Integer>> ids = new ArrayList<>();
            List<GenerationEvent> ends = session.runTogether(requests, tokenCollectors(requests.size(), ids),
                    neverCancelled(requests.size()));
            assertEquals(requests.size(), ends.size());
            ends.forEach(end -> assertInstanceOf(GenerationEvent.Finished.class, end, end.toString()));
            return ids;
        }).result().get(120, TimeUnit.SECONDS);
        List<List<Integer>> alone = new ArrayList<>();
        for (String question : questions) {
            alone.add(idsAlone(question));
        }

        assertEquals(alone, together);
        assertTrue(together.stream().mapToInt(List::size).distinct().count() > 1, "the responses end at different steps");
    }

    /**
     * A run decoded together whose listener throws ends alone, with that failure, while it waits for nothing: the runs
     * beside it write the tokens they write asked one after another.
     */
    @Test
    void aRunWhoseListenerThrowsEndsAloneAndTheRunsBesideItFinishAsAlone() throws Exception {
        List<String> questions = List.of(QUESTION, "Is 91 a prime number?", "Sort 5, 3, 9, 1.");
        List<GenerationRequest> requests = questions.stream().map(BundledModelProbesTest::greedy).toList();
        List<List<Integer>> ids = new ArrayList<>();
        List<java.util.function.Consumer<GenerationEvent>> listeners = new ArrayList<>(tokenCollectors(questions.size(), ids));
        java.util.function.Consumer<GenerationEvent> collector = listeners.get(1);
        listeners.set(1, e -> {
            collector.accept(e);
            if (e instanceof TokenInfo && ids.get(1).size() == 6) throw new IllegalStateException("the listener gave up");
        });
        List<GenerationEvent> ends = bundle.generator().probe(session -> session.runTogether(requests, listeners,
                neverCancelled(requests.size()))).result().get(120, TimeUnit.SECONDS);

        GenerationEvent.Failed failed = assertInstanceOf(GenerationEvent.Failed.class, ends.get(1), ends.get(1).toString());
        assertTrue(failed.message().contains("the listener gave up"), failed.message());
        assertEquals(6, ids.get(1).size(), "no token after the failure");
        for (int i : new int[] {0, 2}) {
            assertInstanceOf(GenerationEvent.Finished.class, ends.get(i), ends.get(i).toString());
            assertEquals(idsAlone(questions.get(i)), ids.get(i));
        }
    }

    @Test
    void resamplingInsideAProbeDecodesTheContinuationsTogetherAndEqualsResamplingThroughTheGenerator() throws Exception {
        Response original = original();
        int[] ends = lineEnds(original);
        List<StepImportance.StepRange> chosen = List.of(new StepImportance.StepRange(4, ends[3], ends[4]));
        Importance sequential = new StepImportance(bundle.generator(), 3, 48, 16, AnswerExtractor::extract)
                .run(List.of(ChatTurn.user(QUESTION)), SamplingSettings.greedy(), original.tokens(), chosen, "1194",
                        ProbeProgress.NONE, () -> false);
        List<int[]> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        Importance together = bundle.generator().probe(session -> new StepImportance(session, 3, 48, 16,
                        AnswerExtractor::extract).run(List.of(ChatTurn.user(QUESTION)), SamplingSettings.greedy(),
                        original.tokens(), chosen, "1194", (done, total) -> progress.add(new int[] {done, total}),
                        session::cancelled))
                .result().get(120, TimeUnit.SECONDS);
        assertEquals(sequential, together);
        assertEquals(6, progress.size());
        assertArrayEquals(new int[] {6, 6}, progress.getLast());
    }

    @Test
    void aBranchedVersionIsSavedWithItsOriginAndTheOriginsTokens(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        var store = new org.thinktrace.chat.ConversationStore(folder);
        var session = new org.thinktrace.chat.ChatSession(org.thinktrace.chat.Conversation.start(1), store,
                Runnable::run, e -> { throw new AssertionError(e); }, java.time.Clock.systemUTC());
        var settings = org.thinktrace.chat.AppSettings.defaults();
        settings = new org.thinktrace.chat.AppSettings(SamplingSettings.greedy(), 400, 0, "", true,
                settings.theme(), settings.fontSize());
        java.util.concurrent.CompletableFuture<GenerationEvent> first = new java.util.concurrent.CompletableFuture<>();
        String id = session.send(QUESTION, bundle.generator(), settings, e -> {
            if (e instanceof GenerationEvent.Finished || e instanceof GenerationEvent.Failed) first.complete(e);
        });
        assertInstanceOf(GenerationEvent.Finished.class, first.get(120, TimeUnit.SECONDS));
        var message = (org.thinktrace.chat.AssistantMessage) session.conversation().message(id);
        var v0 = message.versions().get(0);
        int t = 12;
        var alternative = v0.tokens().alternatives(t).get(1);
        var origin = new org.thinktrace.chat.BranchOrigin(0, t, v0.tokens().texts().get(t), alternative.text(), false);
        java.util.concurrent.CompletableFuture<GenerationEvent> second = new java.util.concurrent.CompletableFuture<>();
        session.branch(id, origin, new Continuation.Token(alternative.id()), bundle.generator(), settings, e -> {
            if (e instanceof GenerationEvent.Finished || e instanceof GenerationEvent.Failed) second.complete(e);
        });
        assertInstanceOf(GenerationEvent.Finished.class, second.get(120, TimeUnit.SECONDS));

        var saved = (org.thinktrace.chat.AssistantMessage) store.loadAll().conversations().get(0).message(id);
        assertEquals(2, saved.versions().size());
        var v1 = saved.versions().get(1);
        assertEquals(origin, v1.origin());
        assertEquals(null, saved.versions().get(0).origin());
        assertArrayEquals(Arrays.copyOf(v0.tokens().ids(), t), Arrays.copyOf(v1.tokens().ids(), t));
        assertEquals(alternative.id(), v1.tokens().ids()[t]);
        assertEquals(v0.tokens().probability(3), v1.tokens().probability(3), "kept tokens keep their figures");
        assertTrue(v1.thinking().startsWith(String.join("", v0.tokens().texts().subList(0, t))), v1.thinking());
        assertTrue(origin.label().startsWith("branched at token 12: \""), origin.label());
    }

}

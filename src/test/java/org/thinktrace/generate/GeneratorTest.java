package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.GenerationEvent.AnswerDelta;
import org.thinktrace.generate.GenerationEvent.ContextTrimmed;
import org.thinktrace.generate.GenerationEvent.Failed;
import org.thinktrace.generate.GenerationEvent.Finished;
import org.thinktrace.generate.GenerationEvent.PromptProcessed;
import org.thinktrace.generate.GenerationEvent.ThinkingDelta;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.text.ChatTurn;

class GeneratorTest {

    private final List<String> setupThreads = Collections.synchronizedList(new ArrayList<>());
    private Generator generator;

    @AfterEach
    void close() {
        if (generator != null) generator.close();
    }

    private Generator generator(ScriptedModel model, boolean opensThinking) {
        generator = new Generator(model, new CharCodec(opensThinking), "scripted", "test", 0,
                () -> setupThreads.add(Thread.currentThread().getName()));
        return generator;
    }

    /** Collects events and remembers the thread they came from. */
    static final class Recorder implements Consumer<GenerationEvent> {
        final List<GenerationEvent> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(GenerationEvent e) {
            events.add(e);
            threads.add(Thread.currentThread().getName());
        }

        <T extends GenerationEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        String thinking() {
            return of(ThinkingDelta.class).stream().map(ThinkingDelta::text).collect(Collectors.joining());
        }

        String answer() {
            return of(AnswerDelta.class).stream().map(AnswerDelta::text).collect(Collectors.joining());
        }

        String tokenTexts() {
            return of(TokenInfo.class).stream().map(TokenInfo::text).collect(Collectors.joining());
        }

        GenerationEvent last() {
            return events.get(events.size() - 1);
        }
    }

    static GenerationRequest ask(String question, int maxTokens, int budget, List<String> stops) {
        return new GenerationRequest(List.of(ChatTurn.user(question)), SamplingSettings.greedy(), maxTokens, budget, stops);
    }

    static GenerationEvent await(GenerationHandle handle) throws Exception {
        return handle.done().get(10, TimeUnit.SECONDS);
    }

    @Test
    void tokensAtR1DefaultsReportTheModelsFullDistributionWithTheRequestedAlternatives() throws Exception {
        // The script's token has logit 10 and every other token 0. Top-p 0.95 at temperature 0.6 keeps only the
        // scripted token, so the draw distribution would say p = 1 with one alternative; the report must not.
        ScriptedModel model = new ScriptedModel(512).say("Hi.\n</think>\n\nOk");
        Recorder events = new Recorder();
        GenerationRequest request = new GenerationRequest(List.of(ChatTurn.user("?")), SamplingSettings.r1Defaults(),
                100, 0, List.of(), 12);
        await(generator(model, true).start(request, events));
        double others = CharCodec.VOCAB - 1;
        double expectedP = Math.exp(10) / (Math.exp(10) + others);
        double expectedEntropy = -(expectedP * Math.log(expectedP) + others * (1 - expectedP) / others
                * Math.log((1 - expectedP) / others));
        List<TokenInfo> tokens = events.of(TokenInfo.class);
        assertFalse(tokens.isEmpty());
        for (TokenInfo t : tokens) {
            assertEquals(expectedP, t.probability(), 1e-6, t.text());
            assertEquals(expectedEntropy, t.entropy(), 1e-5, t.text());
            assertEquals(12, t.top().size());
            assertEquals(t.id(), t.top().get(0).id());
            assertEquals((1 - expectedP) / others, t.top().get(1).probability(), 1e-7);
            assertFalse(t.top().get(1).text().isEmpty(), "an alternative carries its text");
        }
    }

    @Test
    void aListenerMayStartTheNextGenerationOnTheFinalEvent() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("Ok.\n</think>\n\nYes");
        Generator generator = generator(model, true);
        CompletableFuture<GenerationHandle> next = new CompletableFuture<>();
        Recorder second = new Recorder();
        await(generator.start(ask("a?", 50, 0, List.of()), event -> {
            if (event instanceof Finished) {
                try {
                    next.complete(generator.start(ask("b?", 50, 0, List.of()), second));
                } catch (RuntimeException e) {
                    next.completeExceptionally(e);
                }
            }
        }));
        assertInstanceOf(Finished.class, await(next.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void aThinkingResponseStreamsInTheDocumentedOrder() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("Two and two.\n</think>\n\nIt is **4**.");
        Recorder events = new Recorder();
        GenerationEvent done = await(generator(model, true).start(ask("2+2?", 100, 0, List.of()), events));

        assertInstanceOf(PromptProcessed.class, events.events.get(0));
        assertEquals(done, events.last());
        Finished finished = assertInstanceOf(Finished.class, done);
        assertEquals(FinishReason.EOS, finished.reason());
        assertEquals("Two and two.", finished.thinking());
        assertEquals("It is **4**.", finished.answer());
        assertEquals(finished.thinking(), events.thinking());
        assertEquals(finished.answer(), events.answer());
        assertFalse(finished.thinkingUnfinished());
        assertFalse(finished.thinkingForced());
        assertEquals("Two and two.\n</think>\n\nIt is **4**.", events.tokenTexts());

        List<TokenInfo> tokens = events.of(TokenInfo.class);
        assertEquals("Two and two.\n</think>".length() - "</think>".length() + 1, finished.stats().thinkingTokens());
        assertEquals(tokens.size(), finished.stats().generatedTokens());
        assertTrue(tokens.stream().allMatch(t -> t.probability() > 0.99f && t.top().size() == 5));
        assertEquals(Phase.THINKING, tokens.get(0).phase());
        assertEquals(Phase.ANSWER, tokens.get(tokens.size() - 1).phase());
        assertEquals(tokens.get(0).id(), tokens.get(0).top().get(0).id());

        PromptProcessed prompt = events.of(PromptProcessed.class).get(0);
        assertTrue(prompt.startsInThinking());
        assertEquals("<|user|>2+2?<|assistant|><think>\n", prompt.promptText());
        assertEquals(prompt.tokenCount(), finished.stats().promptTokens());

        // a delta of a token always comes before that token's TokenInfo: the event after a delta is not a delta of another phase
        int index = events.events.indexOf(tokens.get(0));
        assertInstanceOf(ThinkingDelta.class, events.events.get(index - 1));
    }

    @Test
    void theModelThreadRunsSetupGenerationAndClose() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("x");
        Recorder events = new Recorder();
        await(generator(model, false).start(ask("q", 5, 0, List.of()), events));
        generator.close();
        assertEquals(List.of(Generator.THREAD_NAME), setupThreads);
        assertTrue(events.threads.stream().allMatch(Generator.THREAD_NAME::equals));
        assertTrue(model.threads.stream().allMatch(Generator.THREAD_NAME::equals));
        assertTrue(model.closed);
    }

    @Test
    void anErrorInTheModelThreadsSetUpFailsEveryGenerationVisibly() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("x");
        generator = new Generator(model, new CharCodec(false), "scripted", "test", 0, () -> {
            throw new UnsatisfiedLinkError("libtorch_cpu.so: cannot open shared object file");
        });
        Failed failed = assertInstanceOf(Failed.class, await(generator.start(ask("q", 5, 0, List.of()), new Recorder())));
        assertTrue(failed.message().contains("libtorch_cpu.so"), failed.message());
        assertTrue(model.forwardCalls.isEmpty(), "nothing ran on a thread whose set-up failed");
    }

    @Test
    void maxTokensEndsWithLength() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("abcdefghijklmnop");
        Recorder events = new Recorder();
        Finished finished = (Finished) await(generator(model, false).start(ask("q", 6, 0, List.of()), events));
        assertEquals(FinishReason.LENGTH, finished.reason());
        assertEquals("abcdef", finished.answer());
        assertEquals(6, events.of(TokenInfo.class).size());
        assertEquals(1 + 5, model.forwardCalls.size(), "prefill plus one call per token but the last");
    }

    @Test
    void aStopStringEndsTheAnswerAndIsNotEmitted() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("ok</think>Result: 42\nUser: more text");
        Recorder events = new Recorder();
        Finished finished = (Finished) await(generator(model, true).start(ask("q", 100, 0, List.of("\nUser:")), events));
        assertEquals(FinishReason.STOP, finished.reason());
        assertEquals("Result: 42", finished.answer());
        assertEquals("Result: 42", events.answer());
    }

    @Test
    void cancelTakesEffectWithinOneToken() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("abcdefghijklmnopqrstuvwxyz");
        Recorder events = new Recorder();
        GenerationHandle[] handle = new GenerationHandle[1];
        CountDownLatch started = new CountDownLatch(1);
        Consumer<GenerationEvent> cancelAtThird = e -> {
            events.accept(e);
            if (e instanceof TokenInfo && events.of(TokenInfo.class).size() == 3) {
                awaitLatch(started);
                handle[0].cancel();
            }
        };
        handle[0] = generator(model, false).start(ask("q", 100, 0, List.of()), cancelAtThird);
        started.countDown();
        Finished finished = (Finished) await(handle[0]);
        assertEquals(FinishReason.CANCELLED, finished.reason());
        assertEquals(3, events.of(TokenInfo.class).size());
        assertEquals("abc", finished.answer());
    }

    @Test
    void theThinkingBudgetForcesTheEndOfThinking() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("abcdeFinal.");
        Recorder events = new Recorder();
        Finished finished = (Finished) await(generator(model, true).start(ask("q", 100, 5, List.of()), events));
        assertEquals(FinishReason.EOS, finished.reason());
        assertTrue(finished.thinkingForced());
        assertFalse(finished.thinkingUnfinished());
        assertEquals("abcde", finished.thinking());
        assertEquals("Final.", finished.answer());
        int[] forcedCall = model.forwardCalls.get(5);
        assertEquals("e\n</think>\n\n", ScriptedModel.text(forcedCall), "the last thinking token and the forced end");
        List<TokenInfo> tokens = events.of(TokenInfo.class);
        assertEquals(1f, tokens.get(5).probability());
        assertEquals(List.of(), tokens.get(5).top());
        assertEquals(5 + 2, finished.stats().thinkingTokens(), "the forced newline and </think> are thinking");
    }

    @Test
    void aForcedEndOfThinkingNeverTakesTheResponsePastMaxTokens() throws Exception {
        // the forced end is 4 tokens ("\n", "</think>", "\n", "\n"); the budget runs out after 5 tokens
        for (int maxTokens = 6; maxTokens <= 9; maxTokens++) {
            ScriptedModel model = new ScriptedModel(512).say("abcdeFinal.");
            Recorder events = new Recorder();
            Finished finished = (Finished) await(generator(model, true).start(ask("q", maxTokens, 5, List.of()), events));
            assertEquals(FinishReason.LENGTH, finished.reason(), "max tokens " + maxTokens);
            assertTrue(events.of(TokenInfo.class).size() <= maxTokens,
                    events.of(TokenInfo.class).size() + " tokens for max tokens " + maxTokens);
            assertEquals(maxTokens == 9, finished.thinkingForced(), "forced only when the whole end fits, max tokens " + maxTokens);
            generator.close();
        }
    }

    @Test
    void thinkingLeftOpenAtTheEndIsFlaggedUnfinished() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("still thinking about it");
        Finished finished = (Finished) await(generator(model, true).start(ask("q", 8, 0, List.of()), new Recorder()));
        assertEquals(FinishReason.LENGTH, finished.reason());
        assertTrue(finished.thinkingUnfinished());
        assertEquals("still th", finished.thinking());
        assertEquals("", finished.answer());
    }

    @Test
    void aLongHistoryLosesItsOldestTurnsAndSaysSo() throws Exception {
        String filler = "x".repeat(30);
        List<ChatTurn> conversation = List.of(
                ChatTurn.system("sys"),
                ChatTurn.user("first " + filler), ChatTurn.assistant("reply one " + filler),
                ChatTurn.user("second " + filler), ChatTurn.assistant("reply two " + filler),
                ChatTurn.user("last question"));
        int context = 160;
        int maxTokens = 20;
        // what must remain: the longest suffix of whole user/assistant pairs that fits beside the reserve
        int expectedDropped = -1;
        for (int drop = 0; drop <= 4; drop += 2) {
            List<ChatTurn> kept = new ArrayList<>(conversation.subList(0, 1));
            kept.addAll(conversation.subList(1 + drop, conversation.size()));
            if (new CharCodec(true).encodeConversation(kept).length() + maxTokens <= context) {
                expectedDropped = drop;
                break;
            }
        }
        assertEquals(4, expectedDropped, "the fixture must need trimming of both pairs");

        ScriptedModel model = new ScriptedModel(context).say("ok</think>done");
        Recorder events = new Recorder();
        GenerationRequest request = new GenerationRequest(conversation, SamplingSettings.greedy(), maxTokens, 0, List.of());
        Finished finished = (Finished) await(generator(model, true).start(request, events));
        assertEquals(FinishReason.EOS, finished.reason());
        ContextTrimmed trimmed = assertInstanceOf(ContextTrimmed.class, events.events.get(0));
        assertEquals(expectedDropped, trimmed.droppedTurns());
        assertEquals(context, trimmed.contextLength());
        PromptProcessed prompt = assertInstanceOf(PromptProcessed.class, events.events.get(1));
        assertEquals(trimmed.promptTokens(), prompt.tokenCount());
        assertEquals("<|system|>sys<|user|>last question<|assistant|><think>\n", prompt.promptText());
    }

    @Test
    void aPromptLongerThanTheContextFailsClearlyAndTheGeneratorGoesOn() throws Exception {
        ScriptedModel model = new ScriptedModel(40).say("fine");
        Recorder events = new Recorder();
        Failed failed = (Failed) await(generator(model, false).start(ask("y".repeat(60), 10, 0, List.of()), events));
        assertTrue(failed.message().contains("context holds 40"), failed.message());
        assertEquals(List.of(failed), events.events);

        Finished next = (Finished) await(generator.start(ask("short", 10, 0, List.of()), new Recorder()));
        assertEquals("fine", next.answer());
    }

    @Test
    void maxTokensBeyondTheContextIsCappedNotRefused() throws Exception {
        ScriptedModel model = new ScriptedModel(30).say("z".repeat(100));
        Recorder events = new Recorder();
        Finished finished = (Finished) await(generator(model, false).start(ask("hi", 1000, 0, List.of()), events));
        int promptTokens = events.of(PromptProcessed.class).get(0).tokenCount();
        assertEquals(FinishReason.LENGTH, finished.reason());
        assertEquals(30 - promptTokens, finished.stats().generatedTokens());
    }

    @Test
    void aModelFailureBecomesAFailedEventAndTheCacheStartsOver() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("abcdef").failOnCall(3);
        Recorder events = new Recorder();
        GenerationEvent done = await(generator(model, false).start(ask("q", 100, 0, List.of()), events));
        Failed failed = assertInstanceOf(Failed.class, done);
        assertTrue(failed.message().contains("scripted failure on call 3"), failed.message());
        assertInstanceOf(IllegalStateException.class, failed.cause());
        assertEquals(failed, events.last());
        assertEquals(0, model.position(), "the cache was emptied");

        model.say("again");
        int calls = model.forwardCalls.size();
        GenerationRequest request = ask("q", 100, 0, List.of());
        Finished finished = (Finished) await(generator.start(request, new Recorder()));
        assertEquals("again", finished.answer());
        assertEquals(new CharCodec(false).encodeConversation(request.conversation()).length(),
                model.forwardCalls.get(calls).length, "the whole prompt ran again");
    }

    @Test
    void theNextPromptReusesTheCachedPrefix() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("XY");
        Generator g = generator(model, false);
        CompletionRequest first = new CompletionRequest("abc", SamplingSettings.greedy(), 10, List.of());
        await(g.complete(first, new Recorder()));
        assertEquals(1 + 3 + 2, model.position(), "BOS, abc, then X and Y fed (EOS is never fed)");

        model.say("Q");
        CompletionRequest second = new CompletionRequest("abcdef", SamplingSettings.greedy(), 10, List.of());
        Finished finished = (Finished) await(g.complete(second, new Recorder()));
        assertEquals("Q", finished.answer());
        assertEquals(4, model.truncations.get(model.truncations.size() - 1));
        int prefillCall = model.forwardCalls.size() - 2; // then Q was fed
        assertEquals("def", ScriptedModel.text(model.forwardCalls.get(prefillCall)));

        model.say("R");
        await(g.complete(second, new Recorder()));
        assertArrayEquals(new int[] {CharCodec.id('f')}, model.forwardCalls.get(model.forwardCalls.size() - 2),
                "an identical prompt runs only its last token (then R was fed)");
    }

    @Test
    void templateVariablesReachTheChatTemplate() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("Hello");
        GenerationRequest thinkingOff = new GenerationRequest(List.of(ChatTurn.user("hi")), SamplingSettings.greedy(),
                20, 0, List.of(), 5, java.util.Map.of("enable_thinking", false));
        Recorder off = new Recorder();
        Finished offFinished = (Finished) await(generator(model, true).start(thinkingOff, off));
        assertFalse(off.of(PromptProcessed.class).get(0).startsInThinking());
        assertEquals("", offFinished.thinking());
        assertTrue(offFinished.answer().startsWith("Hello"), offFinished.answer());

        Recorder on = new Recorder();
        Finished onFinished = (Finished) await(generator(new ScriptedModel(512).say("Hello"), true)
                .start(ask("hi", 20, 0, List.of()), on));
        assertTrue(on.of(PromptProcessed.class).get(0).startsInThinking());
        assertTrue(onFinished.thinking().startsWith("Hello"), onFinished.thinking());
    }

    @Test
    void rawCompletionIsAllAnswerEvenWithTags() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say(" there <think>was</think>");
        Recorder events = new Recorder();
        Finished finished = (Finished) await(generator(model, false).complete(
                new CompletionRequest("Once upon a time", SamplingSettings.greedy(), 50, List.of()), events));
        assertEquals(" there <think>was</think>", finished.answer());
        assertEquals("", finished.thinking());
        assertFalse(events.of(PromptProcessed.class).get(0).startsInThinking());
        assertTrue(events.of(TokenInfo.class).stream().allMatch(t -> t.phase() == Phase.ANSWER));
    }

    @Test
    void aRawCompletionEndsWhereTheModelStartsANewDocument() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("The end.<s>Once upon");
        Finished raw = (Finished) await(generator(model, false).complete(
                new CompletionRequest("Story:", SamplingSettings.greedy(), 50, List.of()), new Recorder()));
        assertEquals(FinishReason.EOS, raw.reason());
        assertEquals("The end.", raw.answer());

        model.say("Hi<s>there");
        Finished chat = (Finished) await(generator.start(ask("q", 50, 0, List.of()), new Recorder()));
        assertEquals("Hithere", chat.answer(), "in a chat, BOS is not an end (and decodes to nothing)");
    }

    @Test
    void onlyOneGenerationRunsAtATime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedModel model = new ScriptedModel(512).say("ab").beforeForward(call -> {
            if (call == 0) awaitLatch(release);
        });
        Generator g = generator(model, false);
        GenerationHandle running = g.start(ask("q", 10, 0, List.of()), new Recorder());
        assertThrows(IllegalStateException.class, () -> g.start(ask("q", 10, 0, List.of()), new Recorder()));
        release.countDown();
        await(running);
        GenerationEvent next = await(g.start(ask("q", 10, 0, List.of()), new Recorder()));
        assertInstanceOf(Finished.class, next);
    }

    @Test
    void aListenerThatThrowsOnTheFinalEventFailsTheHandle() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("a");
        Consumer<GenerationEvent> listener = e -> {
            if (e instanceof Finished) throw new IllegalArgumentException("listener broke");
        };
        GenerationHandle handle = generator(model, false).start(ask("q", 10, 0, List.of()), listener);
        java.util.concurrent.ExecutionException thrown =
                assertThrows(java.util.concurrent.ExecutionException.class, () -> await(handle));
        assertEquals("listener broke", thrown.getCause().getMessage());
    }

    @Test
    void closingFromAListenerDoesNotWaitForItself() throws Exception {
        ScriptedModel model = new ScriptedModel(512).say("abcdefgh");
        Generator g = generator(model, false);
        Consumer<GenerationEvent> closer = e -> {
            if (e instanceof TokenInfo) g.close();
        };
        Finished finished = (Finished) await(g.start(ask("q", 100, 0, List.of()), closer));
        assertEquals(FinishReason.CANCELLED, finished.reason());
        assertThrows(IllegalStateException.class, () -> g.start(ask("q", 10, 0, List.of()), new Recorder()));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("latch timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

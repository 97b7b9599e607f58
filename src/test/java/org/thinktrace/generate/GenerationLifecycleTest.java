package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.GenerationEvent.Failed;
import org.thinktrace.generate.GenerationEvent.Finished;
import org.thinktrace.generate.GenerationEvent.PromptProcessed;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GeneratorTest.Recorder;

/** Edges of the generation lifecycle: stats of continuations, cancel and close races, context and budget limits. */
class GenerationLifecycleTest {

    private Generator generator;

    @AfterEach
    void close() {
        if (generator != null) generator.close();
    }

    private Generator generator(ScriptedModel model, boolean opensThinking) {
        generator = new Generator(model, new CharCodec(opensThinking), "scripted", "test", 0, () -> { });
        return generator;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDecodeRateOfAContinuationCountsOnlyTheTokensItDecoded() throws Exception {
        // 200 kept tokens are replayed from their record (no model call each); then 3 tokens are decoded, each
        // model call after the prefill taking 50 ms. The decode rate must be about 2 tokens / 0.1 s, not 202 / 0.1 s.
        ScriptedModel model = new ScriptedModel(512).say("yzw").beforeForward(call -> {
            if (call > 0) sleep(50);
        });
        List<TokenInfo> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int id = CharCodec.id('x');
            kept.add(new TokenInfo(id, "x", Phase.ANSWER, 0.9f, 0.1f, List.of()));
        }
        Recorder events = new Recorder();
        GenerationEvent done = GeneratorTest.await(generator(model, false).continueFrom(
                GeneratorTest.ask("q", 100, 0, List.of()), Continuation.after(kept), events));
        Finished finished = assertInstanceOf(Finished.class, done);
        assertEquals("x".repeat(200) + "yzw", finished.answer());
        double rate = finished.stats().decodeTokensPerSecond();
        assertTrue(rate > 0 && rate < 40, "3 decoded tokens at 50 ms a model call, reported as " + rate + " tokens/s");
    }

    @Test
    void aModelThatFailsToCloseIsLoggedWithItsStackTrace() {
        ScriptedModel failsToClose = new ScriptedModel(512).onClose(() -> {
            throw new IllegalStateException("native free failed");
        });
        Logger log = (Logger) LoggerFactory.getLogger(Generator.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            new Generator(failsToClose, new CharCodec(false), "scripted", "test", 0, () -> { }).close();
        } finally {
            log.detachAppender(appender);
        }
        assertTrue(appender.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null
                        && "native free failed".equals(e.getThrowableProxy().getMessage())),
                "the failure to free the model reaches the log with its stack trace, not only stderr");
    }

    /** A first response that fills the context of 40 tokens (max tokens far beyond it); returns its tokens. */
    private List<TokenInfo> responseFillingTheContext(ScriptedModel model) throws Exception {
        Recorder first = new Recorder();
        Finished finished = assertInstanceOf(Finished.class, GeneratorTest.await(generator(model, false).start(
                GeneratorTest.ask("q", 1000, 0, List.of()), first)));
        assertEquals(FinishReason.LENGTH, finished.reason());
        int prompt = first.of(PromptProcessed.class).get(0).tokenCount();
        List<TokenInfo> tokens = first.of(TokenInfo.class);
        assertEquals(40 - prompt, tokens.size(), "the fixture fills the context exactly");
        return tokens;
    }

    @Test
    void aBranchOfAResponseThatFilledTheContextStopsAtTheContext() throws Exception {
        ScriptedModel model = new ScriptedModel(40).say("z".repeat(100));
        List<TokenInfo> first = responseFillingTheContext(model);
        Recorder branch = new Recorder();
        Finished finished = assertInstanceOf(Finished.class, GeneratorTest.await(generator.continueFrom(
                GeneratorTest.ask("q", 1000, 0, List.of()), Continuation.after(first.subList(0, 10)), branch)));
        assertEquals(FinishReason.LENGTH, finished.reason());
        int prompt = branch.of(PromptProcessed.class).get(0).tokenCount();
        assertEquals(40 - prompt, branch.of(TokenInfo.class).size(),
                "the kept and the new tokens together fill the context, not one token more");
    }

    @Test
    void aBranchWhoseKeptTokensFillTheContextIsRefusedUpFrontWithAClearMessage() throws Exception {
        ScriptedModel model = new ScriptedModel(40).say("z".repeat(100));
        List<TokenInfo> first = responseFillingTheContext(model);
        int calls = model.forwardCalls.size();
        Recorder branch = new Recorder();
        Failed failed = assertInstanceOf(Failed.class, GeneratorTest.await(generator.continueFrom(
                GeneratorTest.ask("q", 1000, 0, List.of()), Continuation.after(first), branch)));
        assertTrue(failed.message().contains("context holds 40"), failed.message());
        assertFalse(failed.message().startsWith("generation failed"), failed.message());
        assertEquals(List.of(failed), branch.events, "refused before any token");
        assertEquals(calls, model.forwardCalls.size(), "refused up front, without running the model");

        // a stored version one token longer than the context (written before this check) is refused the same way
        List<TokenInfo> tooMany = new ArrayList<>(first);
        tooMany.add(first.getLast());
        Failed again = assertInstanceOf(Failed.class, GeneratorTest.await(generator.continueFrom(
                GeneratorTest.ask("q", 1000, 0, List.of()), Continuation.after(tooMany), new Recorder())));
        assertTrue(again.message().contains("context holds 40"), again.message());
    }

    @Test
    void closingTheGeneratorStopsAProbesPrefillBetweenItsChunks() throws Exception {
        // a probe prefilling 40 chunks, each model call taking 100 ms: closing must not wait the 4 s it would take
        java.util.concurrent.CountDownLatch firstChunk = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedModel model = new ScriptedModel(CachedSequence.PREFILL_CHUNK * 40 + 8).beforeForward(call -> {
            calls.incrementAndGet();
            firstChunk.countDown();
            sleep(100);
        });
        int[] ids = new int[CachedSequence.PREFILL_CHUNK * 40];
        java.util.Arrays.fill(ids, CharCodec.id('x'));
        Generator.Probe<float[]> probe = generator(model, false).probe(session -> session.prefill(ids));
        assertTrue(firstChunk.await(30, java.util.concurrent.TimeUnit.SECONDS));
        generator.close();
        // a future completed with a CancellationException throws it as it is
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> probe.result().get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(calls.get() < 40, calls.get() + " of 40 chunks ran after the model was closed");
    }

    @Test
    void cutsProbedOneAfterAnotherKeepTheFinishedOnesWhenACancelLandsInALaterCutsPrefill() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Generator.Probe<List<GreedyContinuation>>> probe =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger callsAfterFirstCut = new java.util.concurrent.atomic.AtomicInteger(-1);
        ScriptedModel model = new ScriptedModel(CachedSequence.PREFILL_CHUNK * 20 + 64).say("yz").beforeForward(call -> {
            // the second model call of the second cut's prefill (20 chunks) cancels the probe
            if (callsAfterFirstCut.get() >= 0 && callsAfterFirstCut.incrementAndGet() == 2) probe.get().cancel();
        });
        int[] sequence = new int[CachedSequence.PREFILL_CHUNK * 20];
        java.util.Arrays.fill(sequence, CharCodec.id('x'));
        int[] suffix = {CharCodec.id('y')};
        Generator g = generator(model, false);
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        probe.set(g.probe(session -> {
            ready.await();
            return session.greedyAfterCuts(sequence, new int[] {10, sequence.length}, suffix, 2, java.util.Set.of(),
                    index -> callsAfterFirstCut.set(0));
        }));
        ready.countDown();
        List<GreedyContinuation> runs = probe.get().result().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, runs.size(), "the first cut's run stands; the cancelled one is left out");
    }
}

package org.thinktrace.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.text.ChatTurn;

/**
 * Requests that wait for the bundled model while it is busy run together once it is free: each streams, on a
 * branch of its own, exactly the tokens it gets served alone, ends as soon as its own response ends, and one
 * cancelled while they run stops alone.
 */
class ServedTogetherTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");
    private static final List<String> QUESTIONS = List.of("What is 738 + 456?", "Is 91 a prime number?",
            "Sort 5, 3, 9, 1.");

    /** A request's streamed token ids, the threads its events came on, and its last event. */
    private record Stream(List<Integer> ids, Set<String> threads, GenerationQueue.Ticket ticket) {
    }

    @Test
    void requestsWaitingTogetherRunTogetherEachWithItsOwnTokensAndCancel() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no bundled model in " + MODEL.toAbsolutePath());
        try (LoadedModel model = ModelSource.at(MODEL).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                RuntimeSettings.defaults()), LoadProgress.NONE)) {
            List<List<Integer>> alone = new ArrayList<>();
            for (String question : QUESTIONS) {
                List<Integer> ids = Collections.synchronizedList(new ArrayList<>());
                model.generator().start(request(question), tokenIds(ids)).done().get(120, TimeUnit.SECONDS);
                alone.add(ids);
            }

            int shortest = 0;
            int longest = 0;
            for (int i = 0; i < alone.size(); i++) {
                if (alone.get(i).size() < alone.get(shortest).size()) shortest = i;
                if (alone.get(i).size() > alone.get(longest).size()) longest = i;
            }
            assertTrue(alone.get(shortest).size() + 20 < alone.get(longest).size(), "responses of different lengths: "
                    + alone.stream().map(List::size).toList());
            try (GenerationQueue queue = new GenerationQueue(model.generator(), 16)) {
                // the first request keeps the model busy while the others queue up behind it
                Stream first = submit(queue, QUESTIONS.getFirst(), null);
                List<Stream> waiting = new ArrayList<>();
                for (String question : QUESTIONS) waiting.add(submit(queue, question, null));
                AtomicReference<GenerationQueue.Ticket> toCancel = new AtomicReference<>();
                Stream cancelled = submit(queue, "What is 12 times 7?", toCancel);
                // the shortest response ends while the longest goes on
                GenerationQueue.Ticket longestTicket = waiting.get(longest).ticket();
                java.util.concurrent.CompletableFuture<Boolean> longestRanOn = waiting.get(shortest).ticket().done()
                        .thenApply(end -> !longestTicket.done().isDone());
                for (Stream s : List.of(first, waiting.get(0), waiting.get(1), waiting.get(2), cancelled)) {
                    s.ticket().done().get(120, TimeUnit.SECONDS);
                }

                for (int i = 0; i < QUESTIONS.size(); i++) {
                    Stream s = waiting.get(i);
                    assertEquals(alone.get(i), s.ids(), "request " + i + " served together");
                    GenerationEvent.Finished end = assertInstanceOf(GenerationEvent.Finished.class, s.ticket().done().get());
                    assertEquals(FinishReason.EOS, end.reason());
                    assertTrue(s.threads().stream().allMatch(t -> t.startsWith("thinktrace-branch-")),
                            "decoded together, each on a branch of its own: " + s.threads());
                }
                assertEquals(alone.getFirst(), first.ids());
                assertTrue(longestRanOn.get(), "a request served together ends when its own response ends");
                GenerationEvent.Finished stopped = assertInstanceOf(GenerationEvent.Finished.class,
                        cancelled.ticket().done().get());
                assertEquals(FinishReason.CANCELLED, stopped.reason());
                assertTrue(cancelled.ids().size() <= 3, "stopped within a token of its cancel: " + cancelled.ids());
            }
        }
    }

    private static GenerationRequest request(String question) {
        return new GenerationRequest(List.of(ChatTurn.user(question)), SamplingSettings.greedy(), 400, 0, List.of());
    }

    private static Consumer<GenerationEvent> tokenIds(List<Integer> ids) {
        return e -> {
            if (e instanceof GenerationEvent.TokenInfo t) ids.add(t.id());
        };
    }

    /** Submits {@code question}; with {@code cancelAfterFirstToken} set, the request cancels itself at its first token. */
    private static Stream submit(GenerationQueue queue, String question,
                                 AtomicReference<GenerationQueue.Ticket> cancelAfterFirstToken) throws Exception {
        List<Integer> ids = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Consumer<GenerationEvent> collect = tokenIds(ids);
        GenerationQueue.Ticket ticket = queue.submit(request(question), e -> {
            if (e instanceof GenerationEvent.TokenInfo) threads.add(Thread.currentThread().getName());
            collect.accept(e);
            if (cancelAfterFirstToken != null && e instanceof GenerationEvent.TokenInfo) {
                GenerationQueue.Ticket self = cancelAfterFirstToken.get();
                if (self != null) self.cancel();
            }
        });
        if (cancelAfterFirstToken != null) cancelAfterFirstToken.set(ticket);
        return new Stream(ids, threads, ticket);
    }
}

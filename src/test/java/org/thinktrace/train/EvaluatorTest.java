package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.text.Role;

/** The evaluator's judgement and figures, with scripted generators standing in for a model. */
class EvaluatorTest {

    private final List<Problem> problems = Teacher.standard().evaluationSet(4, 3);

    /** Answers every request at once with the event {@code reply} computes for the user's question. */
    private record ScriptedGenerator(Function<String, GenerationEvent> reply, List<GenerationRequest> seen)
            implements TextGenerator {

        ScriptedGenerator(Function<String, GenerationEvent> reply) {
            this(reply, new ArrayList<>());
        }

        @Override
        public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
            seen.add(request);
            assertEquals(Role.USER, request.conversation().get(0).role());
            GenerationEvent last = reply.apply(request.conversation().get(0).content());
            listener.accept(last);
            return new GenerationHandle() {
                @Override
                public void cancel() {
                }

                @Override
                public CompletableFuture<GenerationEvent> done() {
                    return CompletableFuture.completedFuture(last);
                }
            };
        }

        @Override
        public String modelName() {
            return "scripted";
        }

        @Override
        public String deviceDescription() {
            return "none";
        }

        @Override
        public int contextLength() {
            return 512;
        }

        @Override
        public void close() {
        }
    }

    private Problem byQuestion(String question) {
        return problems.stream().filter(p -> p.question().equals(question)).findFirst().orElseThrow();
    }

    /** The teacher's own response, as the generator would report it. */
    private GenerationEvent teacherReply(String question, FinishReason reason) {
        String response = byQuestion(question).response();
        int close = response.indexOf("\n</think>\n\n");
        String thinking = response.substring("<think>\n".length(), close);
        String answer = response.substring(close + "\n</think>\n\n".length());
        return new GenerationEvent.Finished(reason, thinking, answer, false, false,
                new GenerationStats(20, 0.01, 1000, 400, 100, 10, 0.2, 0.3));
    }

    @Test
    void teacherResponsesScorePerfectlyAndMeetTheTargets() throws InterruptedException {
        Evaluator evaluator = new Evaluator(new ScriptedGenerator(q -> teacherReply(q, FinishReason.EOS)), 512);
        EvaluationReport report = evaluator.run("greedy", problems, SamplingSettings.greedy(), o -> { });
        assertEquals(1.0, report.accuracy());
        assertEquals(1.0, report.wellFormedShare());
        assertEquals(100.0, report.meanThinkingTokens());
        assertEquals(400.0, report.decodeTokensPerSecond(), 1e-9);
        assertTrue(report.meetsTargets());
        String table = report.table();
        for (TaskFamily family : Teacher.standard().families()) {
            assertTrue(table.contains("| " + family.name() + " | 4 | 100.0% | 100.0% | 100 |"), table);
        }
        assertTrue(table.contains("| **all** | 40 | 100.0% | 100.0% | 100 |"), table);
    }

    @Test
    void oneFailingFamilyMissesThePerFamilyFloor() throws InterruptedException {
        Function<String, GenerationEvent> reply = q -> byQuestion(q).family().equals("weekday")
                ? new GenerationEvent.Finished(FinishReason.EOS, "counting", "It will be **Someday**.", false, false,
                new GenerationStats(20, 0.01, 1000, 400, 8, 5, 0.1, 0.1))
                : teacherReply(q, FinishReason.EOS);
        EvaluationReport report = new Evaluator(new ScriptedGenerator(reply), 512)
                .run("greedy", problems, SamplingSettings.greedy(), o -> { });
        assertEquals(0.9, report.accuracy(), 1e-9);
        assertEquals(1.0, report.wellFormedShare());
        assertFalse(report.meetsTargets());
    }

    @Test
    void responsesThatRunOutOrStateNoAnswerAreNotWellFormed() throws InterruptedException {
        Problem p = problems.get(0);
        GenerationStats stats = new GenerationStats(20, 0.01, 1000, 400, 50, 0, 0.1, 0.1);
        Evaluator lengthLimited = new Evaluator(new ScriptedGenerator(q -> teacherReply(q, FinishReason.LENGTH)), 512);
        Evaluator.Outcome cut = lengthLimited.evaluate(p, SamplingSettings.greedy());
        assertTrue(cut.correct());
        assertFalse(cut.wellFormed());
        Evaluator unfinished = new Evaluator(new ScriptedGenerator(q -> new GenerationEvent.Finished(
                FinishReason.LENGTH, "still thinking", "", true, false, stats)), 512);
        Evaluator.Outcome open = unfinished.evaluate(p, SamplingSettings.greedy());
        assertFalse(open.correct() || open.wellFormed());
        Evaluator plain = new Evaluator(new ScriptedGenerator(q -> new GenerationEvent.Finished(
                FinishReason.EOS, "thought", "The answer is " + p.answer() + ".", false, false, stats)), 512);
        Evaluator.Outcome unmarked = plain.evaluate(p, SamplingSettings.greedy());
        assertFalse(unmarked.correct() || unmarked.wellFormed());
    }

    @Test
    void aFailedGenerationStopsTheEvaluationNamingTheQuestion() {
        Evaluator broken = new Evaluator(new ScriptedGenerator(q -> new GenerationEvent.Failed("prompt too long", null)), 512);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broken.evaluate(problems.get(0), SamplingSettings.greedy()));
        assertTrue(e.getMessage().contains(problems.get(0).question()) && e.getMessage().contains("prompt too long"));
    }

    @Test
    void sampledRunsGiveEachProblemItsOwnSeedAndTheMaxTokens() throws InterruptedException {
        ScriptedGenerator generator = new ScriptedGenerator(q -> teacherReply(q, FinishReason.EOS));
        new Evaluator(generator, 300).run("sampled", problems.subList(0, 3), SamplingSettings.r1Defaults().withSeed(10), o -> { });
        assertEquals(List.of(10L, 11L, 12L), generator.seen().stream().map(r -> r.sampling().seed()).toList());
        assertTrue(generator.seen().stream().allMatch(r -> r.maxTokens() == 300 && r.sampling().temperature() == 0.6));
    }
}

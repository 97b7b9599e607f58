package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;

/** The evaluator's judgement and figures, with scripted generators standing in for a model. */
class EvaluatorTest {

    private final List<Problem> problems = Teacher.of(TeacherEdition.SECOND).evaluationSet(4, 3);

    /** Answers every request at once with the event {@code reply} computes for the user's question. */
    private record ScriptedGenerator(Function<List<ChatTurn>, GenerationEvent> reply, List<GenerationRequest> seen)
            implements TextGenerator {

        /** Answers by the last user message alone. */
        static ScriptedGenerator byQuestion(Function<String, GenerationEvent> reply) {
            return new ScriptedGenerator(turns -> reply.apply(turns.get(turns.size() - 1).content()), new ArrayList<>());
        }

        @Override
        public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
            seen.add(request);
            List<ChatTurn> turns = request.conversation();
            for (int i = 0; i < turns.size(); i++) {
                assertEquals(i % 2 == 0 ? Role.USER : Role.ASSISTANT, turns.get(i).role(), "turns alternate from the user's");
            }
            GenerationEvent last = reply.apply(turns);
            if (last instanceof GenerationEvent.Finished finished) { // one token per character of the answer
                finished.answer().chars().forEach(c -> listener.accept(new GenerationEvent.TokenInfo(c,
                        Character.toString(c), Phase.ANSWER, 1, 0, List.of())));
            }
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
        Evaluator evaluator = new Evaluator(ScriptedGenerator.byQuestion(q -> teacherReply(q, FinishReason.EOS)), 512);
        EvaluationReport report = evaluator.run("greedy", problems, SamplingSettings.greedy(), o -> { });
        assertEquals(1.0, report.accuracy());
        assertEquals(1.0, report.wellFormedShare());
        assertEquals(100.0, report.meanThinkingTokens());
        assertEquals(400.0, report.decodeTokensPerSecond(), 1e-9);
        assertTrue(report.meetsTargets());
        String table = report.table();
        for (TaskFamily family : Teacher.of(TeacherEdition.SECOND).families()) {
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
        EvaluationReport report = new Evaluator(ScriptedGenerator.byQuestion(reply), 512)
                .run("greedy", problems, SamplingSettings.greedy(), o -> { });
        assertEquals(0.9, report.accuracy(), 1e-9);
        assertEquals(1.0, report.wellFormedShare());
        assertFalse(report.meetsTargets());
    }

    @Test
    void responsesThatRunOutOrStateNoAnswerAreNotWellFormed() throws InterruptedException {
        Problem p = problems.get(0);
        GenerationStats stats = new GenerationStats(20, 0.01, 1000, 400, 50, 0, 0.1, 0.1);
        Evaluator lengthLimited = new Evaluator(ScriptedGenerator.byQuestion(q -> teacherReply(q, FinishReason.LENGTH)), 512);
        Evaluator.Outcome cut = lengthLimited.evaluate(p, SamplingSettings.greedy());
        assertTrue(cut.correct());
        assertFalse(cut.wellFormed());
        Evaluator unfinished = new Evaluator(ScriptedGenerator.byQuestion(q -> new GenerationEvent.Finished(
                FinishReason.LENGTH, "still thinking", "", true, false, stats)), 512);
        Evaluator.Outcome open = unfinished.evaluate(p, SamplingSettings.greedy());
        assertFalse(open.correct() || open.wellFormed());
        Evaluator plain = new Evaluator(ScriptedGenerator.byQuestion(q -> new GenerationEvent.Finished(
                FinishReason.EOS, "thought", "The answer is " + p.answer() + ".", false, false, stats)), 512);
        Evaluator.Outcome unmarked = plain.evaluate(p, SamplingSettings.greedy());
        assertFalse(unmarked.correct() || unmarked.wellFormed());
    }

    @Test
    void anOutcomeKeepsTheGeneratedTokenIdsInOrder() throws InterruptedException {
        Problem p = problems.get(0);
        Evaluator.Outcome outcome = new Evaluator(ScriptedGenerator.byQuestion(q -> teacherReply(q, FinishReason.EOS)), 512)
                .evaluate(p, SamplingSettings.greedy());
        assertArrayEquals(outcome.answer().chars().toArray(), outcome.tokenIds());
        assertTrue(outcome.tokenIds().length > 0);
    }

    @Test
    void aFailedGenerationStopsTheEvaluationNamingTheQuestion() {
        Evaluator broken = new Evaluator(ScriptedGenerator.byQuestion(q -> new GenerationEvent.Failed("prompt too long", null)), 512);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broken.evaluate(problems.get(0), SamplingSettings.greedy()));
        assertTrue(e.getMessage().contains(problems.get(0).question()) && e.getMessage().contains("prompt too long"));
    }

    @Test
    void sampledRunsGiveEachProblemItsOwnSeedAndTheMaxTokens() throws InterruptedException {
        ScriptedGenerator generator = ScriptedGenerator.byQuestion(q -> teacherReply(q, FinishReason.EOS));
        new Evaluator(generator, 300).run("sampled", problems.subList(0, 3), SamplingSettings.r1Defaults().withSeed(10), o -> { });
        assertEquals(List.of(10L, 11L, 12L), generator.seen().stream().map(r -> r.sampling().seed()).toList());
        assertTrue(generator.seen().stream().allMatch(r -> r.maxTokens() == 300 && r.sampling().temperature() == 0.6));
    }

    // ---- a second-edition suite: held-out phrasings, follow-ups, out-of-scope questions ----

    private final EvaluationSuite suite = Teacher.of(TeacherEdition.SECOND).evaluationSuite(4, 3);

    /** The suite's problem whose conversation is {@code turns}. */
    private Problem inSuite(List<ChatTurn> turns) {
        for (EvaluationPart part : EvaluationPart.values()) {
            for (Problem p : suite.part(part)) {
                List<ChatTurn> expected = new ArrayList<>();
                p.context().forEach(e -> {
                    expected.add(ChatTurn.user(e.question()));
                    expected.add(ChatTurn.assistant(e.response()));
                });
                expected.add(ChatTurn.user(p.question()));
                if (expected.equals(turns)) {
                    return p;
                }
            }
        }
        throw new AssertionError("no suite problem asks " + turns);
    }

    private static GenerationEvent reply(String response) {
        int close = response.indexOf("\n</think>\n\n");
        return new GenerationEvent.Finished(FinishReason.EOS, response.substring("<think>\n".length(), close),
                response.substring(close + "\n</think>\n\n".length()), false, false,
                new GenerationStats(20, 0.01, 1000, 400, 100, 10, 0.2, 0.3));
    }

    private static final String REFUSAL = Teacher.of(TeacherEdition.SECOND).outOfScopeSet(1, 1).get(0).response();

    @Test
    void teacherResponsesMeetEveryFloorOfTheSecondEditionSuite() throws InterruptedException {
        ScriptedGenerator generator = new ScriptedGenerator(turns -> reply(inSuite(turns).response()), new ArrayList<>());
        EvaluationReport report = new Evaluator(generator, 512).run("greedy", suite, SamplingSettings.greedy(), o -> { });
        assertEquals(suite.size(), report.outcomes().size());
        for (EvaluationPart part : EvaluationPart.values()) {
            assertEquals(1.0, report.accuracy(part), part.name());
        }
        assertEquals(0, report.refusedInScope());
        assertTrue(report.meetsTargets(), () -> report.missedFloors().toString());
        assertTrue(generator.seen().stream().anyMatch(r -> r.conversation().size() == 5), "three-turn conversations are sent whole");
        String table = report.table();
        assertTrue(table.contains("| held-out phrasings | 20 | 100.0% | ≥ 90% |"), table);
        assertTrue(table.contains("| follow-up turns | 10 | 100.0% | ≥ 90% |"), table);
        assertTrue(table.contains("| out-of-scope questions recognised | 20 | 100.0% | ≥ 95% |"), table);
        assertTrue(table.contains("| in-scope questions refused | 70 | 0 | 0 |"), table);
        assertTrue(table.contains("Held-out phrasings (greedy), 20 problems"), table);
        assertEquals(new EvaluationReport.Standing(6, 6, 1.0), report.standing());
        assertEquals("6 of 6 floors met, mean accuracy 100.0%", report.standing().sentence());
    }

    @Test
    void refusingEverythingRecognisesOutOfScopeButRefusesInScopeQuestions() throws InterruptedException {
        ScriptedGenerator generator = new ScriptedGenerator(turns -> reply(REFUSAL), new ArrayList<>());
        EvaluationReport report = new Evaluator(generator, 512).run("greedy", suite, SamplingSettings.greedy(), o -> { });
        assertEquals(1.0, report.accuracy(EvaluationPart.OUT_OF_SCOPE));
        assertEquals(70, report.refusedInScope());
        assertTrue(report.missedFloors().contains("70 in-scope questions refused, floor 0"), report.missedFloors().toString());
        EvaluationReport.Standing standing = report.standing();
        assertEquals(6, standing.floors());
        assertEquals(report.wellFormedShare() >= EvaluationReport.TARGET_WELL_FORMED ? 2 : 1, standing.floorsMet(),
                "out of scope recognised, and well-formed if the refusals are");
        assertEquals((report.accuracy() + report.accuracy(EvaluationPart.HELD_OUT_PHRASINGS)
                + report.accuracy(EvaluationPart.FOLLOW_UPS) + 1.0) / 4, standing.meanAccuracy(), 1e-12);
    }

    @Test
    void answeringOutOfScopeQuestionsAsProblemsMissesTheirFloorAlone() throws InterruptedException {
        ScriptedGenerator generator = new ScriptedGenerator(turns -> {
            Problem p = inSuite(turns);
            return reply(p.family().equals("out-of-scope") ? "<think>\nguess\n</think>\n\nThere are **3** a's." : p.response());
        }, new ArrayList<>());
        EvaluationReport report = new Evaluator(generator, 512).run("greedy", suite, SamplingSettings.greedy(), o -> { });
        assertEquals(List.of("out-of-scope questions recognised at 0.0%, floor 95%"), report.missedFloors());
        assertEquals(new EvaluationReport.Standing(5, 6, 0.75), report.standing());
    }

    /** More floors met ranks first, whatever the mean; as many floors, the higher mean does. */
    @Test
    void aStandingRanksByFloorsMetThenByMeanAccuracy() {
        EvaluationReport.Standing fourHigh = new EvaluationReport.Standing(4, 6, 0.924);
        EvaluationReport.Standing fourLow = new EvaluationReport.Standing(4, 6, 0.906);
        EvaluationReport.Standing fiveLow = new EvaluationReport.Standing(5, 6, 0.80);
        List<EvaluationReport.Standing> ranked = new ArrayList<>(List.of(fourLow, fiveLow, fourHigh));
        java.util.Collections.sort(ranked);
        assertEquals(List.of(fiveLow, fourHigh, fourLow), ranked);
        assertEquals("4 of 6 floors met, mean accuracy 92.4%", fourHigh.sentence());
    }

    @Test
    void followUpsAreAskedAfterTheirEarlierTurnsAndJudgedOnTheLastOne() throws InterruptedException {
        Problem followUp = suite.followUps().get(0);
        ScriptedGenerator generator = new ScriptedGenerator(turns -> reply(inSuite(turns).response()), new ArrayList<>());
        Evaluator.Outcome outcome = new Evaluator(generator, 512).evaluate(EvaluationPart.FOLLOW_UPS, followUp,
                SamplingSettings.greedy());
        assertTrue(outcome.correct() && outcome.wellFormed() && !outcome.refused());
        List<ChatTurn> sent = generator.seen().get(0).conversation();
        assertEquals(2 * followUp.context().size() + 1, sent.size());
        assertEquals(followUp.context().get(0).response(), sent.get(1).content(), "earlier thinking goes to the template");
    }
}

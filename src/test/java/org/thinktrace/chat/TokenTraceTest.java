package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.TokenAlternative;

class TokenTraceTest {

    @Test
    void recorderKeepsEveryTokenAcrossGrowthWithHalfPrecisionProbabilities() {
        Random random = new Random(7);
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(3);
        int count = 1000; // forces several capacity doublings
        float[] expected = new float[count];
        float[] entropies = new float[count];
        for (int i = 0; i < count; i++) {
            expected[i] = random.nextFloat();
            entropies[i] = 8 * random.nextFloat();
            List<TokenAlternative> top = i % 2 == 0
                    ? List.of(new TokenAlternative(i, "a", expected[i]), new TokenAlternative(i + 1, "b", 0.25f))
                    : List.of();
            recorder.add(new TokenInfo(i, "t" + i, i < 600 ? Phase.THINKING : Phase.ANSWER, expected[i], entropies[i],
                    top));
        }
        TokenTrace trace = recorder.snapshot();
        assertEquals(count, trace.size());
        assertEquals(600, trace.thinkingTokens());
        for (int i = 0; i < count; i++) {
            assertEquals(i, trace.ids()[i]);
            assertEquals("t" + i, trace.texts().get(i));
            // half floats keep 11 significant bits: relative error below 2^-11
            assertEquals(expected[i], trace.probability(i), Math.max(expected[i], 1e-4f) / 2048f);
            assertEquals(entropies[i], trace.entropy(i), entropies[i] / 2048f);
        }
        assertTrue(trace.hasEntropies());
        assertEquals(Phase.THINKING, trace.phase(599));
        assertEquals(Phase.ANSWER, trace.phase(600));
        assertEquals(List.of(0, 1), trace.alternatives(0).stream().map(TokenAlternative::id).toList());
        assertEquals(0.25f, trace.alternatives(0).get(1).probability());
        assertEquals(List.of("a", "b"), trace.alternatives(0).stream().map(TokenAlternative::text).toList());
        assertEquals(List.of(), trace.alternatives(1));
    }

    @Test
    void thinkingAfterAnswerIsRejected() {
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(0);
        recorder.add(new TokenInfo(1, "a", Phase.ANSWER, 1f, 0f, List.of()));
        assertThrows(IllegalStateException.class,
                () -> recorder.add(new TokenInfo(2, "b", Phase.THINKING, 1f, 0f, List.of())));
    }

    @Test
    void mismatchedArraysAreRejectedWithTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenTrace(new int[2], List.of("a"), new byte[4], new byte[0], 0, 0, new int[0], new byte[0],
                        Map.of()));
        assertEquals("token trace: 2 ids, 1 texts and 2 probabilities must agree", e.getMessage());
    }

    @Test
    void aCountOfAlternativesWhoseProductWithTheTokensOverflowsIsRejected() {
        // 4 tokens × 2^30 alternatives is 2^32, 0 in int arithmetic: it must not pass as "no alternatives".
        assertThrows(IllegalArgumentException.class,
                () -> new TokenTrace(new int[4], List.of("a", "b", "c", "d"), new byte[8], new byte[0], 0, 1 << 30,
                        new int[0], new byte[0], Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenTrace(new int[0], List.of(), new byte[0], new byte[0], 0, -1, new int[0], new byte[0],
                        Map.of()));
    }

    @Test
    void aTraceSavedBeforeEntropiesWereRecordedStillLoadsWithoutThem() throws Exception {
        // the JSON shape of a trace written before entropies and alternative texts were stored
        String old = "{\"ids\":[11,12],\"texts\":[\"Let\",\" me\"],\"probabilities\":\"ADoAOA==\","
                + "\"thinkingTokens\":2,\"alternativesPerToken\":1,\"alternativeIds\":[11,-1],"
                + "\"alternativeProbabilities\":\"ADoAAA==\"}";
        TokenTrace trace = JsonMapping.newMapper().readValue(old, TokenTrace.class);
        assertEquals(2, trace.size());
        assertEquals(0.75f, trace.probability(0));
        assertFalse(trace.hasEntropies());
        assertTrue(Float.isNaN(trace.entropy(1)));
        assertEquals(List.of(new TokenAlternative(11, "", 0.75f)), trace.alternatives(0));
    }

    @Test
    void entropiesAndAlternativeTextsSurviveJson() throws Exception {
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(2);
        recorder.add(new TokenInfo(3, "So", Phase.THINKING, 0.5f, 1.75f,
                List.of(new TokenAlternative(3, "So", 0.5f), new TokenAlternative(4, "Wait", 0.25f))));
        TokenTrace trace = recorder.snapshot();
        var mapper = JsonMapping.newMapper();
        TokenTrace back = mapper.readValue(mapper.writeValueAsString(trace), TokenTrace.class);
        assertTrue(trace.sameAs(back));
        assertEquals(1.75f, back.entropy(0));
        assertEquals("Wait", back.alternatives(0).get(1).text());
    }
}

package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cached decoding (prefill, then chunks or single tokens, then truncation) against full recomputation. */
class KvCacheDecodingTest extends NativeMemoryTest {

    private static final double TOLERANCE = 1e-4;
    private static final int[] SEQUENCE = {5, 9, 14, 2, 33, 21, 8, 40, 1, 17, 26, 3, 12, 30};

    @Test
    void prefillThenSingleTokensMatchesRecomputation() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 21);
        float[][] reference = new ReferenceDecoder(config, values).logits(SEQUENCE);
        try (Decoder cached = decoder(config, values); Decoder fresh = decoder(config, values)) {
            float[] logits = cached.forward(Arrays.copyOf(SEQUENCE, 4));
            assertClose(reference[3], logits, "after prefill");
            for (int p = 4; p < SEQUENCE.length; p++) {
                logits = cached.forward(new int[] {SEQUENCE[p]});
                fresh.reset();
                float[] recomputed = fresh.forward(Arrays.copyOf(SEQUENCE, p + 1));
                assertClose(recomputed, logits, "position " + p + " against recomputation");
                assertClose(reference[p], logits, "position " + p + " against the reference");
            }
            assertEquals(SEQUENCE.length, cached.position());
        }
    }

    @Test
    void chunkedPrefillAtAnOffsetMatchesReference() {
        ModelConfig config = TinyModels.llama();
        Map<String, float[]> values = TinyModels.randomWeights(config, 22);
        float[][] reference = new ReferenceDecoder(config, values).logits(SEQUENCE);
        try (Decoder decoder = decoder(config, values)) {
            int[] chunks = {3, 1, 5, 2, 3};
            int at = 0;
            for (int chunk : chunks) {
                float[] logits = decoder.forward(Arrays.copyOfRange(SEQUENCE, at, at + chunk));
                at += chunk;
                assertClose(reference[at - 1], logits, "chunk ending at " + at);
            }
        }
    }

    @Test
    void truncateThenRefeedGivesTheSameLogits() {
        ModelConfig config = TinyModels.qwen3();
        Map<String, float[]> values = TinyModels.randomWeights(config, 23);
        try (Decoder decoder = decoder(config, values)) {
            float[][] first = new float[SEQUENCE.length][];
            first[5] = decoder.forward(Arrays.copyOf(SEQUENCE, 6));
            for (int p = 6; p < SEQUENCE.length; p++) {
                first[p] = decoder.forward(new int[] {SEQUENCE[p]});
            }
            decoder.truncate(6);
            assertEquals(6, decoder.position());
            for (int p = 6; p < SEQUENCE.length; p++) {
                assertClose(first[p], decoder.forward(new int[] {SEQUENCE[p]}), "re-fed position " + p);
            }
            decoder.truncate(2);
            float[] diverged = decoder.forward(new int[] {7, 7, 7});
            decoder.truncate(2);
            assertClose(diverged, decoder.forward(new int[] {7, 7, 7}), "re-fed after a different branch");
        }
    }

    @Test
    void rowSplitDecodingMatchesSerialDecoding() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 26);
        float[][] reference = new ReferenceDecoder(config, values).logits(SEQUENCE);
        DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, values);
        // every projection of 2 kB or more is split with its bias: q, k, v (16 × 32 × 4 B), o, MLP, lm_head
        try (Decoder decoder = new Decoder(weights, 32, new RowSplitKernel(weights, 2, 2048))) {
            assertClose(reference[2], decoder.forward(Arrays.copyOf(SEQUENCE, 3)), "prefill");
            for (int p = 3; p < SEQUENCE.length; p++) {
                assertClose(reference[p], decoder.forward(new int[] {SEQUENCE[p]}), "split step " + p);
            }
        }
    }

    @Test
    void rowSplitDecodingWithFp16WeightsMatchesSerialFp16Decoding() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 27);
        DecoderWeights half = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.FP16);
        DecoderWeights sameHalf = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.FP16);
        // every projection of 1 kB or more (FP16) is split with its bias; the split products read FP16 halves;
        // a prompt widens slabs of 3 rows of hidden-size weights (1 row of the MLP's down_proj): ragged last slabs
        long slabBytes = 3L * config.hiddenSize() * Float.BYTES;
        try (Decoder serial = new Decoder(half, 32);
             Decoder split = new Decoder(sameHalf, 32, new RowSplitKernel(sameHalf, 2, 1024, slabBytes))) {
            assertClose(serial.forward(Arrays.copyOf(SEQUENCE, 3)), split.forward(Arrays.copyOf(SEQUENCE, 3)), "prefill");
            for (int p = 3; p < SEQUENCE.length; p++) {
                float[] expected = serial.forward(new int[] {SEQUENCE[p]});
                float[] actual = split.forward(new int[] {SEQUENCE[p]});
                assertTrue(TinyModels.relativeError(actual, expected) < 1e-6,
                        "split FP16 step " + p + ": relative error " + TinyModels.relativeError(actual, expected));
            }
        }
    }

    @Test
    void contextLengthIsEnforced() {
        ModelConfig config = TinyModels.qwen2();
        try (Decoder decoder = new Decoder(DecoderWeights.fromFloatArrays(config, manager,
                TinyModels.randomWeights(config, 24)), 8)) {
            assertEquals(8, decoder.contextLength());
            decoder.forward(new int[] {1, 2, 3, 4, 5, 6, 7});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> decoder.forward(new int[] {1, 2}));
            assertTrue(e.getMessage().contains("context length 8"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> decoder.forward(new int[] {config.vocabSize()}));
            assertThrows(IllegalArgumentException.class, () -> decoder.forward(new int[0]));
            assertThrows(IllegalArgumentException.class, () -> decoder.truncate(9));
        }
        try (Decoder capped = new Decoder(DecoderWeights.fromFloatArrays(config, manager,
                TinyModels.randomWeights(config, 25)), 1_000_000)) {
            assertEquals(config.maxPositionEmbeddings(), capped.contextLength());
        }
    }

    private static Decoder decoder(ModelConfig config, Map<String, float[]> values) {
        return new Decoder(DecoderWeights.fromFloatArrays(config, manager, values), 32);
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double error = TinyModels.relativeError(actual, expected);
        assertTrue(error < TOLERANCE, what + ": relative error " + error);
    }
}

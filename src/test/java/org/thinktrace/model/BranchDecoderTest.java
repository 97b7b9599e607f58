package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Branches decoded together ({@link BranchDecoder}) against the naive {@link ReferenceDecoder} run over each
 * branch's whole sequence: a shared prefix, branches of different lengths, branches left out of steps, a branch
 * restarted, and the decoder going on after the branches close. Steps run on the decoder's Java step where it has one
 * (the default), else on {@link DecoderStack}.
 */
class BranchDecoderTest extends NativeMemoryTest {

    private static final double TOLERANCE = 1e-4;
    private static final int[] PREFIX = {5, 9, 14, 2, 33};
    /** Per branch, its tokens after the prefix; branch 2 ends early, branch 1 joins late. */
    private static final int[][] CONTINUATIONS = {
        {7, 1, 40, 12, 8, 3},
        {7, 22, 6},
        {30, 30},
    };

    @Test
    void qwen2BranchesOfDifferentLengthsMatchTheReference() {
        assertBranchesMatchReference(TinyModels.qwen2(), 41, PREFIX);
    }

    @Test
    void tiedLlamaBranchesMatchTheReference() {
        assertBranchesMatchReference(TinyModels.llama(), 42, PREFIX);
    }

    @Test
    void qwen3BranchesMatchTheReference() {
        assertBranchesMatchReference(TinyModels.qwen3(), 43, PREFIX);
    }

    @Test
    void branchesWithoutAPrefixMatchTheReference() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 44);
        ReferenceDecoder reference = new ReferenceDecoder(config, values);
        try (Decoder decoder = decoder(config, values); BranchDecoder branches = decoder.branches(2, 4)) {
            assertEquals(0, branches.prefixLength(0));
            float[][] logits = branches.step(new int[] {1, 0}, new int[] {9, 4});
            assertClose(reference.logits(new int[] {9})[0], logits[0], "branch 1, first token");
            assertClose(reference.logits(new int[] {4})[0], logits[1], "branch 0, first token");
            logits = branches.step(new int[] {0}, new int[] {11});
            assertClose(last(reference.logits(new int[] {4, 11})), logits[0], "branch 0, second token");
        }
    }

    /**
     * Steps whose branches come and go in any order: the first branch ends first, a branch pauses for two steps and
     * comes back, one is extended by a prompt of its own while others are out of the step. The decoder moves listed
     * branches into its first rows as it goes; every result must still be the reference's over the branch's own
     * sequence.
     */
    @Test
    void branchesThatEndPauseAndComeBackInAnyOrderMatchTheReference() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 45);
        ReferenceDecoder reference = new ReferenceDecoder(config, values);
        int[][] schedule = {{3, 2, 1, 0}, {1, 3}, {2, 3, 1}, {3}, {1, 2}, {2, 1, 3}, {1}, {3, 2}};
        try (Decoder decoder = decoder(config, values)) {
            decoder.forward(PREFIX);
            try (BranchDecoder branches = decoder.branches(4, 12)) {
                java.util.List<java.util.List<Integer>> fed = new java.util.ArrayList<>();
                for (int b = 0; b < 4; b++) fed.add(new java.util.ArrayList<>());
                int next = 3;
                for (int step = 0; step < schedule.length; step++) {
                    int[] listed = schedule[step];
                    int[] ids = new int[listed.length];
                    for (int i = 0; i < listed.length; i++) ids[i] = next++ % config.vocabSize();
                    float[][] logits = branches.step(listed, ids);
                    for (int i = 0; i < listed.length; i++) {
                        fed.get(listed[i]).add(ids[i]);
                        assertClose(last(reference.logits(sequence(PREFIX, fed.get(listed[i])))), logits[i],
                                "branch " + listed[i] + " at step " + step);
                    }
                    if (step == 3) { // branch 0 is out of the step and branch 1 in a later row: extend branch 0
                        int[] own = {17, 4, 29};
                        float[] extended = branches.extend(0, own);
                        for (int id : own) fed.get(0).add(id);
                        assertClose(last(reference.logits(sequence(PREFIX, fed.get(0)))), extended, "branch 0 extended");
                        logits = branches.step(new int[] {0}, new int[] {8});
                        fed.get(0).add(8);
                        assertClose(last(reference.logits(sequence(PREFIX, fed.get(0)))), logits[0], "branch 0 stepped alone");
                    }
                }
                for (int b = 0; b < 4; b++) assertEquals(fed.get(b).size(), branches.length(b), "branch " + b);
            }
        }
    }

    private static int[] sequence(int[] prefix, java.util.List<Integer> own) {
        return concat(prefix, own.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void branchesExtendedByTheirOwnPromptsThenSteppedTogetherMatchTheReference() {
        for (int[] prefix : new int[][] {PREFIX, {}}) {
            ModelConfig config = TinyModels.qwen2();
            Map<String, float[]> values = TinyModels.randomWeights(config, 45);
            ReferenceDecoder reference = new ReferenceDecoder(config, values);
            int[][] prompts = {{7, 1, 40}, {22}, {30, 30, 6, 2}};
            int[] next = {12, 6, 8};
            try (Decoder decoder = decoder(config, values)) {
                if (prefix.length > 0) decoder.forward(prefix);
                try (BranchDecoder branches = decoder.branches(prompts.length, 12)) {
                    for (int b = 0; b < prompts.length; b++) {
                        float[] logits = branches.extend(b, prompts[b]);
                        assertClose(last(reference.logits(concat(prefix, prompts[b]))), logits,
                                "branch " + b + " after its prompt, prefix of " + prefix.length);
                        assertEquals(prompts[b].length, branches.length(b));
                    }
                    // every branch in order: the step reads the rows in place, padded to the longest and masked
                    float[][] logits = branches.step(new int[] {0, 1, 2}, next);
                    for (int b = 0; b < prompts.length; b++) {
                        int[] sequence = concat(concat(prefix, prompts[b]), new int[] {next[b]});
                        assertClose(last(reference.logits(sequence)), logits[b], "branch " + b + " after its step");
                    }
                    // a branch extended past the others, then the shortest stepped alone
                    float[] longer = branches.extend(1, new int[] {3, 4, 5, 6, 7, 8});
                    int[] branch1 = concat(concat(prefix, new int[] {22, 6}), new int[] {3, 4, 5, 6, 7, 8});
                    assertClose(last(reference.logits(branch1)), longer, "branch 1 extended again");
                    float[] alone = branches.step(new int[] {0}, new int[] {9})[0];
                    assertClose(last(reference.logits(concat(prefix, new int[] {7, 1, 40, 12, 9}))), alone,
                            "branch 0 stepped alone");
                    assertThrows(IllegalArgumentException.class, () -> branches.extend(2, new int[12]),
                            "more tokens than the branch has room for");
                    assertThrows(IllegalArgumentException.class, () -> branches.extend(2, new int[0]));
                }
            }
        }
    }

    @Test
    void aRestartedBranchStartsAgainAfterThePrefixAndTheDecoderGoesOnAfterClose() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 45);
        ReferenceDecoder reference = new ReferenceDecoder(config, values);
        try (Decoder decoder = decoder(config, values)) {
            decoder.forward(PREFIX);
            try (BranchDecoder branches = decoder.branches(1, 3)) {
                branches.step(new int[] {0}, new int[] {8});
                branches.step(new int[] {0}, new int[] {9});
                branches.restart(0);
                assertEquals(0, branches.length(0));
                float[] logits = branches.step(new int[] {0}, new int[] {10})[0];
                assertClose(last(reference.logits(concat(PREFIX, new int[] {10}))), logits, "after the restart");
                assertThrows(IllegalStateException.class, () -> decoder.forward(new int[] {1}));
                assertThrows(IllegalStateException.class, () -> decoder.truncate(2));
                assertThrows(IllegalStateException.class, () -> decoder.branches(1, 1));
            }
            float[] logits = decoder.forward(new int[] {12});
            assertClose(last(reference.logits(concat(PREFIX, new int[] {12}))), logits,
                    "the decoder after its branches closed");
        }
    }

    @Test
    void badStepsAndSizesAreRefusedWithTheirValues() {
        ModelConfig config = TinyModels.qwen2();
        try (Decoder decoder = decoder(config, TinyModels.randomWeights(config, 46))) {
            decoder.forward(PREFIX);
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> decoder.branches(2, 32));
            assertTrue(tooLong.getMessage().contains("context length 32"), tooLong.getMessage());
            try (BranchDecoder branches = decoder.branches(2, 1)) {
                IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                        () -> branches.step(new int[] {1, 1}, new int[] {3, 4}));
                assertTrue(twice.getMessage().contains("branch 1 is listed twice"), twice.getMessage());
                assertThrows(IllegalArgumentException.class, () -> branches.step(new int[] {2}, new int[] {3}));
                assertThrows(IllegalArgumentException.class, () -> branches.step(new int[] {0}, new int[] {config.vocabSize()}));
                assertThrows(IllegalArgumentException.class, () -> branches.step(new int[] {0, 1}, new int[] {3}));
                branches.step(new int[] {0}, new int[] {3});
                IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                        () -> branches.step(new int[] {0}, new int[] {3}));
                assertTrue(full.getMessage().contains("branch 0 is full"), full.getMessage());
                assertEquals(0, branches.length(1), "a refused step changes nothing");
            }
            // cuts at 1 and 5 of the 5 cached tokens: a capacity of 31 is all the shortest has left of the 32; the
            // other branch holds what its own cut leaves, 27
            assertThrows(IllegalArgumentException.class, () -> decoder.branchesAt(new int[] {1, 5}, 32));
            try (BranchDecoder cut = decoder.branchesAt(new int[] {1, 5}, 31)) {
                assertEquals(31, cut.room(0));
                assertEquals(27, cut.room(1));
                IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                        () -> cut.extend(1, new int[28]));
                assertTrue(past.getMessage().contains("holds 0 of 27 tokens"), past.getMessage());
                cut.extend(1, new int[27]);
                IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                        () -> cut.step(new int[] {1}, new int[] {3}));
                assertTrue(full.getMessage().contains("branch 1 is full: it holds 27"), full.getMessage());
                cut.extend(0, new int[28]);
                assertEquals(28, cut.length(0), "the shorter cut has more room");
            }
        }
    }

    /**
     * With two threads, FP32 weights go to {@link RowSplitKernel}: a prefix of ten tokens is multiplied as
     * {@code (weight · xᵀ)ᵀ}, the branches' rows by {@code linear}, a branch alone on the split rows.
     */
    /**
     * Branches that continue the cache cut at several lengths (the whole of it, part of it, none of it), each given a
     * prompt of its own and then stepped together in changing subsets: each result is the reference's over the
     * cut prefix and the branch's own tokens; on the Java step and on {@link DecoderStack}, which masks the prefix
     * positions past a row's cut.
     */
    @Test
    void branchesAtSeveralCutsOfTheCacheMatchTheReference() {
        assertCutsMatchReference();
        System.setProperty(JavaDecodeStep.PROPERTY, "djl");
        try {
            assertCutsMatchReference();
        } finally {
            System.clearProperty(JavaDecodeStep.PROPERTY);
        }
    }

    private static void assertCutsMatchReference() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 48);
        ReferenceDecoder reference = new ReferenceDecoder(config, values);
        int[] cached = {5, 9, 14, 2, 33, 8, 21, 17, 40};
        int[] cuts = {9, 4, 0, 6};
        int[] suffix = {3, 30};
        int[][] schedule = {{0, 1, 2, 3}, {2, 0}, {3, 1, 2, 0}, {1}};
        try (Decoder decoder = decoder(config, values)) {
            decoder.forward(cached);
            try (BranchDecoder branches = decoder.branchesAt(cuts, 8)) {
                java.util.List<java.util.List<Integer>> fed = new java.util.ArrayList<>();
                for (int b = 0; b < cuts.length; b++) {
                    assertEquals(cuts[b], branches.prefixLength(b));
                    fed.add(new java.util.ArrayList<>());
                    float[] logits = branches.extend(b, suffix);
                    for (int id : suffix) fed.get(b).add(id);
                    assertClose(last(reference.logits(cut(cached, cuts[b], fed.get(b)))), logits,
                            "branch " + b + " after its prompt");
                }
                int next = 11;
                for (int step = 0; step < schedule.length; step++) {
                    int[] listed = schedule[step];
                    int[] ids = new int[listed.length];
                    for (int i = 0; i < listed.length; i++) ids[i] = next++ * 7 % config.vocabSize();
                    float[][] logits = branches.step(listed, ids);
                    for (int i = 0; i < listed.length; i++) {
                        int b = listed[i];
                        fed.get(b).add(ids[i]);
                        assertClose(last(reference.logits(cut(cached, cuts[b], fed.get(b)))), logits[i],
                                "branch " + b + " (cut at " + cuts[b] + ") at step " + step);
                    }
                }
            }
            assertThrows(IllegalArgumentException.class, () -> decoder.branchesAt(new int[] {cached.length + 1}, 4));
            assertThrows(IllegalArgumentException.class, () -> decoder.branchesAt(new int[] {-1}, 4));
            assertThrows(IllegalArgumentException.class, () -> decoder.branchesAt(new int[0], 4));
        }
    }

    /** The first {@code length} ids of {@code cached}, then {@code own}. */
    private static int[] cut(int[] cached, int length, java.util.List<Integer> own) {
        return sequence(Arrays.copyOf(cached, length), own);
    }

    /**
     * With single steps on {@link DecoderStack} ({@link JavaDecodeStep#PROPERTY} {@code djl}), steps of branches run
     * there too, every op once for the listed rows moved into the first rows of their cache: the same references hold.
     */
    @Test
    void branchesOnDecoderStackMatchTheReference() {
        System.setProperty(JavaDecodeStep.PROPERTY, "djl");
        try {
            assertBranchesMatchReference(TinyModels.qwen2(), 41, PREFIX);
            branchesThatEndPauseAndComeBackInAnyOrderMatchTheReference();
        } finally {
            System.clearProperty(JavaDecodeStep.PROPERTY);
        }
    }

    @Test
    void branchesOnTheRowSplitKernelMatchTheReference() {
        int[] tenTokens = concat(PREFIX, new int[] {11, 3, 27, 8, 19});
        assertBranchesMatchReference(TinyModels.qwen2(), 44, tenTokens, weights -> new RowSplitKernel(weights, 2, 1024));
        assertBranchesMatchReference(TinyModels.llama(), 45, tenTokens, weights -> new RowSplitKernel(weights, 2, 1024));
    }

    @Test
    void int8BranchesMatchTheInt8DecoderFedTheSameTokens() {
        assertInt8BranchesMatchSingleSequences(Int8DecoderTest::java, TOLERANCE);
    }

    /**
     * On fbgemm, a batched step quantizes all its rows' inputs with one scale, a single sequence its one row with
     * its own: the logits differ by the inputs' 8-bit rounding ({@link Int8DecoderTest#FBGEMM_ACTIVATION_TOLERANCE}).
     */
    @Test
    void int8BranchesOnFbgemmMatchTheDecoderFedTheSameTokensWithinTheInputsRounding() {
        assertInt8BranchesMatchSingleSequences(Int8DecoderTest::fbgemm, Int8DecoderTest.FBGEMM_ACTIVATION_TOLERANCE);
    }

    private void assertInt8BranchesMatchSingleSequences(QuantizedDecoderCheck.Kernels kernels, double tolerance) {
        ModelConfig config = TinyModels.llama();
        Map<String, float[]> values = TinyModels.randomWeights(config, 47);
        DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.INT8);
        DecoderWeights sameWeights = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.INT8);
        try (Decoder batched = new Decoder(weights, 32, kernels.make(weights, 2));
             Decoder single = new Decoder(sameWeights, 32, kernels.make(sameWeights, 2))) {
            float[][][] expected = new float[CONTINUATIONS.length][][];
            for (int b = 0; b < CONTINUATIONS.length; b++) {
                single.reset();
                single.forward(PREFIX);
                expected[b] = new float[CONTINUATIONS[b].length][];
                for (int t = 0; t < CONTINUATIONS[b].length; t++) {
                    expected[b][t] = single.forward(new int[] {CONTINUATIONS[b][t]});
                }
            }
            batched.forward(PREFIX);
            try (BranchDecoder branches = batched.branches(CONTINUATIONS.length, 8)) {
                for (int t = 0; t < CONTINUATIONS[0].length; t++) {
                    int step = t;
                    int[] listed = java.util.stream.IntStream.range(0, CONTINUATIONS.length)
                            .filter(b -> step < CONTINUATIONS[b].length).toArray();
                    int[] ids = Arrays.stream(listed).map(b -> CONTINUATIONS[b][step]).toArray();
                    float[][] logits = branches.step(listed, ids);
                    for (int i = 0; i < listed.length; i++) {
                        assertClose(expected[listed[i]][t], logits[i], "int8 branch " + listed[i] + " token " + t, tolerance);
                    }
                }
            }
        }
    }

    /**
     * Steps the branches of {@link #CONTINUATIONS} after {@code prefix}: at step t every branch that has a t-th
     * token and has started (branch 1 starts at step 1) takes it, in a shuffled order; each result must equal the
     * reference's logits over prefix + the branch's tokens so far.
     */
    private static void assertBranchesMatchReference(ModelConfig config, long seed, int[] prefix) {
        assertBranchesMatchReference(config, seed, prefix, null);
    }

    /** As above, the decoder multiplying with {@code kernel}'s kernel for its weights (null: the default). */
    private static void assertBranchesMatchReference(ModelConfig config, long seed, int[] prefix,
                                                     java.util.function.Function<DecoderWeights, ProjectionKernel> kernel) {
        Map<String, float[]> values = TinyModels.randomWeights(config, seed);
        ReferenceDecoder reference = new ReferenceDecoder(config, values);
        DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, values);
        try (Decoder decoder = kernel == null ? new Decoder(weights, 32) : new Decoder(weights, 32, kernel.apply(weights))) {
            decoder.forward(prefix);
            try (BranchDecoder branches = decoder.branches(CONTINUATIONS.length, 8)) {
                int[] fed = new int[CONTINUATIONS.length];
                for (int step = 0; step < 8; step++) {
                    int[] listed = new int[CONTINUATIONS.length];
                    int[] ids = new int[CONTINUATIONS.length];
                    int count = 0;
                    for (int b = CONTINUATIONS.length - 1; b >= 0; b--) {
                        boolean started = b != 1 || step >= 1;
                        if (started && fed[b] < CONTINUATIONS[b].length) {
                            listed[count] = b;
                            ids[count++] = CONTINUATIONS[b][fed[b]];
                        }
                    }
                    if (count == 0) break;
                    float[][] logits = branches.step(Arrays.copyOf(listed, count), Arrays.copyOf(ids, count));
                    for (int i = 0; i < count; i++) {
                        int b = listed[i];
                        fed[b]++;
                        int[] sequence = concat(prefix, Arrays.copyOf(CONTINUATIONS[b], fed[b]));
                        assertClose(last(reference.logits(sequence)), logits[i], "branch " + b + " after " + fed[b] + " tokens");
                        assertEquals(fed[b], branches.length(b));
                    }
                }
                for (int b = 0; b < CONTINUATIONS.length; b++) {
                    assertEquals(CONTINUATIONS[b].length, fed[b], "branch " + b + " was fed all its tokens");
                }
            }
            assertEquals(prefix.length, decoder.position(), "branches leave the decoder's own tokens alone");
        }
    }

    private static Decoder decoder(ModelConfig config, Map<String, float[]> values) {
        return new Decoder(DecoderWeights.fromFloatArrays(config, manager, values), 32);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] last(float[][] rows) {
        return rows[rows.length - 1];
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertClose(expected, actual, what, TOLERANCE);
    }

    private static void assertClose(float[] expected, float[] actual, String what, double tolerance) {
        double error = TinyModels.relativeError(actual, expected);
        assertTrue(error < tolerance, what + ": relative error " + error);
    }
}

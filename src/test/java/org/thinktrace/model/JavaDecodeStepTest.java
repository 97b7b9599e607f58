package org.thinktrace.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decode steps in Java ({@link JavaDecodeStep}) against the same decoder's steps on {@link DecoderStack}, on the same
 * int8, FP32 or FP16 weights (whose kernels multiply the same inputs alike, so only float rounding differs): one
 * cache written by both kinds of call in turn, prompts after steps and steps after prompts, after a truncation, past
 * the length from which attention is shared between two lanes and past a block of attended positions, for every
 * architecture flag; then branches of that cache stepped together in subsets. The whole decoder
 * against the naive reference is {@link QuantizedDecoderCheck}'s and {@link DecoderReferenceTest}'s.
 */
class JavaDecodeStepTest extends NativeMemoryTest {

    /** Relative logit difference between the two kinds of step: float rounding of the norms and the attention. */
    private static final double TOLERANCE = 1e-5;
    /**
     * The same with FP16 weights, whose products round their input to 11 bits: a last-bit difference in a norm moves
     * an input by a whole FP16 step now and then (about 1e-3 here).
     */
    private static final double FP16_TOLERANCE = 3e-3;

    @AfterEach
    void clearProperty() {
        System.clearProperty(JavaDecodeStep.PROPERTY);
        System.clearProperty(JavaDecodeStep.HALF_SINGLE_ROW_PROPERTY);
    }

    @Test
    void qwen2WithBiasesAndGroupedHeadsStepsAsDecoderStackDoes() {
        assertStepsAsDecoderStack(TinyModels.qwen2(), 41);
    }

    @Test
    void llamaWithLlama3RopeAndOneKvHeadStepsAsDecoderStackDoes() {
        assertStepsAsDecoderStack(TinyModels.llama(), 42);
    }

    @Test
    void qwen3WithQkNormAndYarnStepsAsDecoderStackDoes() {
        assertStepsAsDecoderStack(TinyModels.qwen3Yarn(), 43);
    }

    @Test
    void headsWiderThanAVectorStepAsDecoderStackDoes() {
        // head_dim 40: two 16-lane vectors and a tail, or five 8-lane ones
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 80, 96, 1, 2, 1, 40, 61, 64, 1e-6, 10000.0,
                null, false, false, false, 1, java.util.List.of(1));
        assertStepsAsDecoderStack(config, 44);
    }

    @Test
    void theSwitchKeepsStepsOnDecoderStackAndRefusesUnknownValues() {
        DecoderWeights weights = int8Weights(TinyModels.qwen2(), 45);
        try (QuantizedProjectionKernel kernel = new QuantizedProjectionKernel(weights, 1);
             KvCache cache = new KvCache(manager, weights.config(), 8)) {
            assertNotNull(step(weights, kernel, cache));
            System.setProperty(JavaDecodeStep.PROPERTY, "djl");
            assertNull(step(weights, kernel, cache));
            System.setProperty(JavaDecodeStep.PROPERTY, "jvm");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> step(weights, kernel, cache));
            assertTrue(e.getMessage().contains(JavaDecodeStep.PROPERTY) && e.getMessage().contains("'jvm'"),
                    e.getMessage());
        } finally {
            weights.close();
        }
    }

    @Test
    void fp32AndFp16WeightsStepAsDecoderStackDoesOnEveryKernel() {
        ModelConfig config = TinyModels.qwen2();
        for (ComputePrecision precision : new ComputePrecision[] {ComputePrecision.FP32, ComputePrecision.FP16}) {
            DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 46))
                    .convertTo(precision);
            assertStepsAsDecoderStack(weights, threads -> threads == 1 ? ProjectionKernel.SERIAL
                    : new RowSplitKernel(weights, threads, 0), precision + " ",
                    precision == ComputePrecision.FP16 ? FP16_TOLERANCE : TOLERANCE);
            weights.close();
        }
    }

    /** With single FP16 rows on the Java kernel too (the switch for measuring it), steps still match DecoderStack's. */
    @Test
    void fp16SingleRowsOnTheJavaKernelStepAsDecoderStackDoes() {
        ModelConfig config = TinyModels.qwen2();
        System.setProperty(JavaDecodeStep.HALF_SINGLE_ROW_PROPERTY, "java");
        DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 47))
                .convertTo(ComputePrecision.FP16);
        try {
            assertStepsAsDecoderStack(weights, threads -> threads == 1 ? ProjectionKernel.SERIAL
                    : new RowSplitKernel(weights, threads, 0), "FP16 single rows in Java ", FP16_TOLERANCE);
            System.setProperty(JavaDecodeStep.HALF_SINGLE_ROW_PROPERTY, "fast");
            try (KvCache cache = new KvCache(manager, config, 8)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> step(weights, ProjectionKernel.SERIAL, cache));
                assertTrue(e.getMessage().contains(JavaDecodeStep.HALF_SINGLE_ROW_PROPERTY), e.getMessage());
            }
        } finally {
            weights.close();
        }
    }

    private static JavaDecodeStep step(DecoderWeights weights, ProjectionKernel kernel, KvCache cache) {
        return JavaDecodeStep.forOrNull(weights, kernel, cache, new RotaryEmbedding(weights.config()),
                DecodeArithmetic.best(), manager);
    }

    private static DecoderWeights int8Weights(ModelConfig config, long seed) {
        return DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, seed))
                .convertTo(ComputePrecision.INT8);
    }

    /**
     * Two decoders over one set of int8 weights, one stepping in Java and one on DecoderStack, fed the same calls:
     * a prompt, steps, a truncation, steps, a prompt after the steps, steps again.
     */
    private static void assertStepsAsDecoderStack(ModelConfig config, long seed) {
        DecoderWeights weights = int8Weights(config, seed);
        // min split 0: with two lanes every projection is shared with the worker, however small
        assertStepsAsDecoderStack(weights, threads -> new QuantizedProjectionKernel(weights, threads, 0, 1 << 10), "",
                TOLERANCE);
        weights.close();
    }

    /** As above on the kernels {@code kernels} makes for one and for two threads (closed after use when closeable). */
    private static void assertStepsAsDecoderStack(DecoderWeights weights,
                                                  java.util.function.IntFunction<ProjectionKernel> kernels, String what,
                                                  double tolerance) {
        ModelConfig config = weights.config();
        for (int threads : new int[] {1, 2}) {
            ProjectionKernel javaKernel = kernels.apply(threads);
            ProjectionKernel stackKernel = kernels.apply(threads);
            try {
                Decoder inJava = new Decoder(weights, 96, javaKernel);
                System.setProperty(JavaDecodeStep.PROPERTY, "djl");
                Decoder onStack = new Decoder(weights, 96, stackKernel);
                System.clearProperty(JavaDecodeStep.PROPERTY);
                // the last prompt takes the cache past JavaDecodeStep.SHARED_ATTENTION_POSITIONS, and past
                // JavaDecodeStep.ATTENTION_BLOCK where the model's context allows
                int[] longPrompt = new int[Math.min(JavaDecodeStep.ATTENTION_BLOCK + 8, inJava.contextLength() - 7)];
                java.util.Arrays.setAll(longPrompt, i -> (i * 7 + 3) % config.vocabSize());
                int[][] calls = {{3, 17, 5, 29, 11}, {0}, {42}, {7}, {19}, null, {23}, {31}, {2, 13, 37}, {9}, {1}, {4},
                        null, longPrompt, {8}, {15}, {6}};
                for (int c = 0; c < calls.length; c++) {
                    String where = what + config.architecture() + ", " + threads + " threads, call " + c;
                    if (calls[c] == null) {
                        inJava.truncate(3);
                        onStack.truncate(3);
                        continue;
                    }
                    float[] expected = onStack.forward(calls[c]);
                    float[] actual = inJava.forward(calls[c]);
                    assertEquals(onStack.position(), inJava.position(), where);
                    double error = TinyModels.relativeError(actual, expected);
                    assertTrue(error < tolerance, where + ": " + error + " from DecoderStack's logits");
                }
                assertBranchesStepAsDecoderStack(inJava, onStack, what + config.architecture() + ", " + threads
                        + " threads", tolerance);
            } finally {
                closeIfCloseable(javaKernel);
                closeIfCloseable(stackKernel);
            }
        }
    }

    /**
     * Branches of both decoders' caches (a prefix past {@link JavaDecodeStep#ATTENTION_BLOCK} positions where the
     * model's context allows) stepped in
     * subsets of every size and order, one extended by a prompt of its own between steps: the Java step's rows,
     * which attend over the prefix and their own rows where they are, against DecoderStack's batched step, which
     * moves them into its first rows and masks the longer ones.
     */
    private static void assertBranchesStepAsDecoderStack(Decoder inJava, Decoder onStack, String what,
                                                         double tolerance) {
        int vocab = inJava.config().vocabSize();
        int[][] schedule = {{0, 1, 2, 3}, {2, 0}, {3, 1, 2}, {1}, {0, 3, 1}, {3, 2, 1, 0}};
        int prefix = Math.min(inJava.position(), inJava.contextLength() - 12);   // a model's context may be short
        inJava.truncate(prefix);
        onStack.truncate(prefix);
        try (BranchDecoder javaBranches = inJava.branches(4, 12);
             BranchDecoder stackBranches = onStack.branches(4, 12)) {
            int next = 5;
            for (int s = 0; s < schedule.length; s++) {
                int[] listed = schedule[s];
                int[] ids = new int[listed.length];
                for (int i = 0; i < ids.length; i++) ids[i] = next++ * 13 % vocab;
                float[][] expected = stackBranches.step(listed, ids);
                float[][] actual = javaBranches.step(listed, ids);
                for (int i = 0; i < listed.length; i++) {
                    double error = TinyModels.relativeError(actual[i], expected[i]);
                    assertTrue(error < tolerance, what + ", branch " + listed[i] + " at step " + s + ": " + error
                            + " from DecoderStack's batched step");
                }
                if (s == 3) {
                    int[] own = {11 % vocab, 27 % vocab};
                    double error = TinyModels.relativeError(javaBranches.extend(2, own), stackBranches.extend(2, own));
                    assertTrue(error < tolerance, what + ", branch 2 extended: " + error);
                }
            }
        }
    }

    private static void closeIfCloseable(ProjectionKernel kernel) {
        if (kernel instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

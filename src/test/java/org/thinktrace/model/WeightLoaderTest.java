package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader writes each block of rows straight into the tensor's PyTorch memory. With blocks of a
 * few rows (and a last block shorter than the others), every element must land where the
 * checkpoint has it, in FP32 and in FP16, and through the host blocks that GPU tensors are filled
 * from (exercised here on the CPU).
 */
class WeightLoaderTest extends NativeMemoryTest {

    @TempDir
    Path folder;

    /** Narrowing chunk by chunk gives Float.floatToFloat16 of each value, from the buffers' positions, whatever the count. */
    @Test
    void narrowingToHalfConvertsEveryValueFromThePositionsOn() {
        Random random = new Random(29);
        for (int count : new int[] {0, 1, 4095, 4096, 4097, 2 * 4096 + 3}) {
            ByteBuffer source = ByteBuffer.allocateDirect((count + 3) * Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[count];
            float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, -0f, 1e-8f, 65520f, -70000f, Float.MIN_VALUE};
            for (int i = 0; i < count; i++) {
                values[i] = i < specials.length ? specials[i] : (float) random.nextGaussian() * (i % 3 == 0 ? 1e-5f : 10f);
                source.putFloat((3 + i) * Float.BYTES, values[i]);
            }
            source.position(3 * Float.BYTES);
            ByteBuffer target = ByteBuffer.allocateDirect((count + 5) * Short.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN).position(5 * Short.BYTES);
            WeightLoader.narrowToHalf(source, target);
            assertEquals(3 * Float.BYTES, source.position(), count + " values: the source's position stays");
            assertEquals((5 + count) * Short.BYTES, target.position(), count + " values: the target's position advances");
            for (int i = 0; i < count; i++) {
                assertEquals(Float.floatToFloat16(values[i]), target.getShort((5 + i) * Short.BYTES), "value " + i + " of " + count);
            }
        }
    }

    @Test
    void fp32WeightsLoadedInSmallBlocksEqualTheCheckpointElementForElement() throws IOException {
        ModelConfig config = TinyModels.qwen3();
        Map<String, float[]> values = TinyModels.randomWeights(config, 31);
        Map<String, float[]> expected = TinyModels.roundTo(TensorDataType.BF16, values);
        int blockBytes = 3 * widestRowBytes(config) + 4;
        try (DecoderWeights loaded = writeAndLoad(config, values, TensorDataType.BF16, 2, ComputePrecision.FP32,
                blockBytes, false)) {
            int multiBlock = 0;
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                NDArray array = loaded.parameters().get(spec.key());
                assertEquals(DataType.FLOAT32, array.getDataType(), spec.key());
                assertArrayEquals(spec.shape(), array.getShape().getShape(), spec.key());
                assertArrayEquals(expected.get(spec.key()), array.toFloatArray(), spec.key());
                multiBlock += spec.elementCount() * Float.BYTES > blockBytes ? 1 : 0;
            }
            assertTrue(multiBlock > 5, "tensors loaded in more than one block: " + multiBlock);
        }
    }

    @ParameterizedTest(name = "through host blocks: {0}")
    @ValueSource(booleans = {false, true})
    void fp16WeightsLoadedInSmallBlocksEqualTheCheckpointRoundedToHalf(boolean throughHostBlocks) throws IOException {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 32);
        Map<String, float[]> half = TinyModels.roundTo(TensorDataType.F16, values);
        int blockBytes = 2 * widestRowBytes(config) + 12;
        try (DecoderWeights loaded = writeAndLoad(config, values, TensorDataType.F32, 1, ComputePrecision.FP16,
                blockBytes, throughHostBlocks)) {
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                NDArray array = loaded.parameters().get(spec.key());
                DataType stored = WeightLoader.storedType(spec, ComputePrecision.FP16);
                assertEquals(stored, array.getDataType(), spec.key());
                float[] wanted = stored == DataType.FLOAT16 ? half.get(spec.key()) : values.get(spec.key());
                assertArrayEquals(wanted, array.toType(DataType.FLOAT32, true).toFloatArray(), spec.key());
            }
        }
    }

    /** Writes {@code values} as a checkpoint in {@code fileType} and loads it in blocks of {@code blockBytes}. */
    private DecoderWeights writeAndLoad(ModelConfig config, Map<String, float[]> values, TensorDataType fileType,
                                        int shards, ComputePrecision precision, int blockBytes,
                                        boolean throughHostBlocks) throws IOException {
        TinyModels.writeCheckpoint(folder, config, values, fileType, shards);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {    // the weights are copies
            return WeightLoader.load(config, checkpoint, manager, precision, LoadProgress.NONE, blockBytes,
                    throughHostBlocks);
        }
    }

    private static int widestRowBytes(ModelConfig config) {
        long widest = 0;
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            widest = Math.max(widest, spec.elementCount() / spec.shape()[0] * Float.BYTES);
        }
        return Math.toIntExact(widest);
    }
}

package org.thinktrace.model;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link QuantizedWeightReader} refuses weights it cannot quantize, naming the tensor, in both formats. */
class QuantizedWeightReaderTest extends NativeMemoryTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(names = {"INT8", "Q4"})
    void aNonFiniteWeightIsRefusedNamingTheTensor(ComputePrecision precision) throws IOException {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 35);
        values.get("model.layers.1.mlp.up_proj.weight")[70] = Float.POSITIVE_INFINITY;
        TinyModels.writeCheckpoint(folder, config, values, TensorDataType.F32, 1);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            CheckpointException e = assertThrows(CheckpointException.class, () ->
                    DecoderWeights.load(config, checkpoint, manager, precision, LoadProgress.NONE));
            assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight") && e.getMessage().contains("non-finite"),
                    precision + ": " + e.getMessage());
        }
    }
}

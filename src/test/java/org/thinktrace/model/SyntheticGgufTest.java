package org.thinktrace.model;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SyntheticGguf} writes a GGUF file that the GGUF reader takes as the model it was written for: the same
 * shapes from its metadata, and weights loaded in the matching quantized precision with the intended spread (and
 * the load's note saying whether they were kept as stored).
 */
class SyntheticGgufTest extends NativeMemoryTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"Q8_0, INT8", "Q4_0, Q4"})
    void aWrittenFileReadsBackAsTheModelItWasWrittenFor(GgufTensorType type, ComputePrecision precision) throws IOException {
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 64, 96, 2, 4, 2, 16, 40, 128, 1e-6, 10000.0,
                null, false, true, false, null, List.of());
        Path file = folder.resolve("synthetic.gguf");
        assertTrue(SyntheticGguf.writeIfAbsent(config, file, type, 7));
        assertFalse(SyntheticGguf.writeIfAbsent(config, file, type, 7), "an existing file is kept");
        GgufFile gguf = GgufFile.read(file);
        assertEquals(config, GgufModelConfig.read(gguf));
        String note = GgufWeightPrecision.choose(gguf, precision).note();
        assertTrue(note.contains(type == GgufTensorType.Q4_0 ? "kept as they are in q4" : "converted to int8 at load"), note);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(gguf, config);
             DecoderWeights weights = DecoderWeights.load(config, checkpoint, manager, precision, LoadProgress.NONE)) {
            QuantizedMatrix down = weights.quantized(weights.layer(1).downProj());
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < down.rows(); r++) {
                for (int c = 0; c < down.cols(); c++) {
                    double w = down instanceof Int8Matrix int8 ? int8.dequantized(r, c) : ((Q4Matrix) down).dequantized(r, c);
                    sum += w;
                    squares += w * w;
                }
            }
            long n = (long) down.rows() * down.cols();
            double deviation = Math.sqrt(squares / n - (sum / n) * (sum / n));
            assertEquals(SyntheticCheckpoint.INITIALIZER_RANGE, deviation, 0.002, type + " weights' standard deviation");
            float[] norm = weights.layer(0).inputLayernorm().toFloatArray();
            for (float v : norm) {
                assertEquals(1f, v, 0f, "norm weights are ones");
            }
        }
    }
}

package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto's pick for a GGUF file: the format nearest the file's own, by the share of its weights in 4.5 bits or fewer. */
class GgufWeightPrecisionTest {

    @TempDir
    Path dir;

    private static final Map<ComputePrecision, Long> BYTES = Map.of(ComputePrecision.FP32, 8_000L,
            ComputePrecision.FP16, 4_000L, ComputePrecision.INT8, 2_000L, ComputePrecision.Q4, 1_200L);

    @Test
    void mostlyFourBitFilesTakeQ4AndOthersInt8() throws IOException {
        // 256 × 4 weights in Q4_K against 256 × 3 in Q6_K: q4; the other way round: int8
        GgufFile mostlyQ4K = file("a.gguf", GgufTensorType.Q4_K, 4, GgufTensorType.Q6_K, 3);
        GgufFile mostlyQ6K = file("b.gguf", GgufTensorType.Q4_K, 3, GgufTensorType.Q6_K, 4);
        assertEquals(ComputePrecision.Q4, GgufWeightPrecision.auto(mostlyQ4K, () -> ComputePrecision.FP32, true, BYTES::get, -1));
        assertEquals(ComputePrecision.INT8, GgufWeightPrecision.auto(mostlyQ6K, () -> ComputePrecision.FP32, true, BYTES::get, -1));
        assertEquals(ComputePrecision.Q4, GgufWeightPrecision.auto(mostlyQ6K, () -> ComputePrecision.FP32, true, BYTES::get, 1_500),
                "int8 does not fit, q4 does");
        assertEquals(ComputePrecision.INT8, GgufWeightPrecision.auto(mostlyQ6K, () -> ComputePrecision.FP32, true, BYTES::get, 2_000));
        assertEquals(ComputePrecision.FP32, GgufWeightPrecision.auto(mostlyQ4K, () -> ComputePrecision.FP32, false, BYTES::get, -1),
                "without the Vector API Auto's own pick stands (a quantized file then loads in int8)");
    }

    @Test
    void floatFilesKeepAutosPickForTheModel() throws IOException {
        GgufFile floats = file("c.gguf", GgufTensorType.F16, 4, GgufTensorType.F32, 3);
        assertEquals(ComputePrecision.INT8, GgufWeightPrecision.auto(floats, () -> ComputePrecision.INT8, true, BYTES::get, -1));
        assertEquals(ComputePrecision.FP32, GgufWeightPrecision.auto(floats, () -> ComputePrecision.FP32, true, BYTES::get, -1));
    }

    /** A file of two [rows, 256] matrices of the given types (zero bytes). */
    private GgufFile file(String name, GgufTensorType first, int firstRows, GgufTensorType second, int secondRows)
            throws IOException {
        GgufTestWriter writer = new GgufTestWriter().put("general.architecture", GgufValueType.STRING, "qwen2");
        writer.tensor("a.weight", first, new long[] {256, firstRows}, new byte[bytes(first, firstRows)]);
        writer.tensor("b.weight", second, new long[] {256, secondRows}, new byte[bytes(second, secondRows)]);
        return GgufFile.read(writer.write(dir.resolve(name)));
    }

    private static int bytes(GgufTensorType type, int rows) {
        return rows * 256 / type.blockSize() * type.blockBytes();
    }
}

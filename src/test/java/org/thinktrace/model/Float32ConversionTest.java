package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Float32ConversionTest {

    @Test
    void f16WidensEveryBitPatternExactlyAcrossChunks() {
        int count = 300_000;                                  // more than one pass through the arrays; every pattern
        ByteBuffer raw = ByteBuffer.allocateDirect(count * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            raw.putShort(i * Short.BYTES, (short) (i * 40_503));  // odd multiplier: all 65,536 patterns in each 65,536
        }
        ByteBuffer out = ByteBuffer.allocateDirect(count * Float.BYTES);
        new Float32Conversion().convert(TensorDataType.F16, raw, out);
        assertEquals(0, raw.remaining(), "every element read");
        assertEquals(count * Float.BYTES, out.position(), "every element written");
        ByteBuffer written = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            short half = raw.getShort(i * Short.BYTES);
            assertEquals(Float.floatToRawIntBits(Float.float16ToFloat(half)), written.getInt(i * Float.BYTES),
                    "F16 bits " + Integer.toHexString(half & 0xFFFF));        // NaN payloads and signed zeros kept
        }
    }
}

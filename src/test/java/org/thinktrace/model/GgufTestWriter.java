package org.thinktrace.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes GGUF files for tests, straight from the format description: magic, version, counts,
 * key/value pairs, tensor infos, padding to the alignment, then each tensor's bytes at the next
 * aligned offset of the data section.
 */
public final class GgufTestWriter {

    private record Entry(String key, GgufValueType type, Object value) { }

    /** A tensor info; {@code offset} null places {@code data} at the next aligned offset. */
    private record Tensor(String name, int typeId, long[] dims, byte[] data, Long offset) { }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int version = 3;
    private int extraData;
    private int alignment = GgufFile.DEFAULT_ALIGNMENT;

    GgufTestWriter version(int v) {
        version = v;
        return this;
    }

    /** Adds {@code general.alignment} (UINT32) and lays the data out with it. */
    GgufTestWriter alignment(int a) {
        alignment = a;
        return put(GgufFile.ALIGNMENT_KEY, GgufValueType.UINT32, (long) a);
    }

    /** Adds a key; {@code value} is a Long, Float, Double, Boolean, String or {@link GgufArray}. */
    public GgufTestWriter put(String key, GgufValueType type, Object value) {
        entries.add(new Entry(key, type, value));
        return this;
    }

    public GgufTestWriter tensor(String name, GgufTensorType type, long[] dims, byte[] data) {
        tensors.add(new Tensor(name, type.id(), dims, data, null));
        return this;
    }

    /** A tensor info with any type id and offset, and no data of its own. */
    GgufTestWriter rawTensor(String name, int typeId, long[] dims, long offset) {
        tensors.add(new Tensor(name, typeId, dims, new byte[0], offset));
        return this;
    }

    /** Appends {@code n} zero bytes after the tensors' data. */
    GgufTestWriter extraData(int n) {
        extraData += n;
        return this;
    }

    /** A key of any type id followed by {@code payload} as its value bytes. */
    GgufTestWriter putRaw(String key, int typeId, byte[] payload) {
        entries.add(new Entry(key, null, new Object[] {typeId, payload}));
        return this;
    }

    byte[] toBytes() {
        Out out = new Out();
        out.bytes(new byte[] {'G', 'G', 'U', 'F'});
        out.u32(version);
        out.u64(tensors.size());
        out.u64(entries.size());
        for (Entry e : entries) {
            out.string(e.key());
            if (e.type() == null) {
                Object[] raw = (Object[]) e.value();
                out.u32((Integer) raw[0]);
                out.bytes((byte[]) raw[1]);
                continue;
            }
            out.u32(e.type().id());
            out.value(e.type(), e.value());
        }
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            out.string(t.name());
            out.u32(t.dims().length);
            for (long d : t.dims()) {
                out.u64(d);
            }
            out.u32(t.typeId());
            if (t.offset() != null) {
                out.u64(t.offset());
                offsets.add(null);
                continue;
            }
            out.u64(offset);
            offsets.add(offset);
            offset = align(offset + t.data().length);
        }
        out.pad(align(out.size()) - out.size());
        long dataStart = out.size();
        for (int i = 0; i < tensors.size(); i++) {
            if (offsets.get(i) != null) {
                out.pad(dataStart + offsets.get(i) - out.size());
                out.bytes(tensors.get(i).data());
            }
        }
        out.pad(extraData);
        return out.toByteArray();
    }

    public Path write(Path file) throws IOException {
        Files.write(file, toBytes());
        return file;
    }

    private long align(long n) {
        return (n + alignment - 1) / alignment * alignment;
    }

    /** A little-endian byte sink. */
    private static final class Out extends ByteArrayOutputStream {

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void pad(long n) {
            for (long i = 0; i < n; i++) {
                write(0);
            }
        }

        private void le(long v, int n) {
            for (int i = 0; i < n; i++) {
                write((int) (v >>> (8 * i)) & 0xFF);
            }
        }

        void u32(long v) {
            le(v, 4);
        }

        void u64(long v) {
            le(v, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void value(GgufValueType type, Object v) {
            switch (type) {
                case UINT8, INT8 -> le((Long) v, 1);
                case UINT16, INT16 -> le((Long) v, 2);
                case UINT32, INT32 -> le((Long) v, 4);
                case UINT64, INT64 -> le((Long) v, 8);
                case FLOAT32 -> le(Float.floatToRawIntBits((Float) v), 4);
                case FLOAT64 -> le(Double.doubleToRawLongBits((Double) v), 8);
                case BOOL -> le((Boolean) v ? 1 : 0, 1);
                case STRING -> string((String) v);
                case ARRAY -> {
                    GgufArray a = (GgufArray) v;
                    u32(a.elementType().id());
                    u64(a.size());
                    for (Object item : a.values()) {
                        value(a.elementType(), item);
                    }
                }
            }
        }
    }

    /** {@code floats} as little-endian F32 bytes. */
    public static byte[] f32Bytes(float[] floats) {
        ByteBuffer b = ByteBuffer.allocate(4 * floats.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : floats) {
            b.putFloat(f);
        }
        return b.array();
    }

    /**
     * The {@code rope_freqs.weight} values llama.cpp's {@code convert_hf_to_gguf.py} writes for a llama3
     * {@code rope_scaling} block: FP32 frequencies, one factor each (written here from the converter's formula).
     */
    public static float[] llama3RopeFactors(int headDim, double theta, Llama3RopeScaling scaling) {
        float[] out = new float[headDim / 2];
        double lowWavelength = scaling.originalMaxPositionEmbeddings() / scaling.lowFreqFactor();
        double highWavelength = scaling.originalMaxPositionEmbeddings() / scaling.highFreqFactor();
        for (int i = 0; i < out.length; i++) {
            float freq = (float) (1.0 / Math.pow(theta, (float) (2 * i) / headDim));
            double wavelength = 2 * Math.PI / freq;
            if (wavelength < highWavelength) {
                out[i] = 1f;
            } else if (wavelength > lowWavelength) {
                out[i] = (float) scaling.factor();
            } else {
                double smooth = (scaling.originalMaxPositionEmbeddings() / wavelength - scaling.lowFreqFactor())
                        / (scaling.highFreqFactor() - scaling.lowFreqFactor());
                out[i] = (float) (1 / ((1 - smooth) / scaling.factor() + smooth));
            }
        }
        return out;
    }
}

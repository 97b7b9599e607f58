package org.thinktrace.model;

/**
 * The ggml tensor element types ThinkTrace reads from GGUF files, with their ggml type ids and
 * block layouts. A row of {@code n} elements of a type occupies {@code n / blockSize()} blocks of
 * {@code blockBytes()} bytes each ({@code n} must be a multiple of the block size).
 *
 * <ul>
 *   <li>{@link #Q8_0}: blocks of 32; an F16 scale {@code d} then 32 signed bytes {@code q};
 *       element {@code = d * q}.</li>
 *   <li>{@link #Q4_0}: blocks of 32; an F16 scale {@code d} then 16 bytes whose low nibbles are
 *       elements 0–15 and high nibbles elements 16–31; element {@code = (nibble - 8) * d}.</li>
 *   <li>{@link #Q4_1}: as Q4_0 with an F16 minimum {@code m} after {@code d}; element
 *       {@code = nibble * d + m}.</li>
 *   <li>{@link #Q5_0}: blocks of 32; F16 {@code d}, 4 bytes whose bit {@code j} (little-endian) is
 *       the fifth bit of element {@code j}, then nibbles as Q4_0; element {@code = (q5 - 16) * d}.</li>
 *   <li>{@link #Q5_1}: as Q5_0 with an F16 minimum {@code m} after {@code d}; element
 *       {@code = q5 * d + m}.</li>
 *   <li>{@link #Q2_K}: super-blocks of 256; 16 bytes of 4-bit scales (low) and mins (high), one
 *       pair per 16 elements, 64 bytes of 2-bit values, F16 {@code d} and {@code dmin}; element
 *       {@code = (d * scale) * q2 - dmin * min}.</li>
 *   <li>{@link #Q3_K}: super-blocks of 256; 32 bytes of high bits, 64 bytes of 2-bit values, 12
 *       bytes holding sixteen 6-bit scales, F16 {@code d}; element
 *       {@code = (d * (scale - 32)) * (q2 - (high bit ? 0 : 4))}.</li>
 *   <li>{@link #Q4_K}: super-blocks of 256; F16 {@code d} and {@code dmin}, 12 bytes holding eight
 *       6-bit scales and eight 6-bit mins, 128 bytes of nibbles; element
 *       {@code = (d * scale) * nibble - dmin * min} per sub-block of 32.</li>
 *   <li>{@link #Q5_K}: as Q4_K with 32 bytes of fifth bits between the scales and the nibbles;
 *       element {@code = (d * scale) * q5 - dmin * min}.</li>
 *   <li>{@link #Q6_K}: super-blocks of 256; 128 bytes of low nibbles, 64 bytes of high 2-bit
 *       pairs, 16 signed 8-bit scales (one per 16 elements), an F16 {@code d}; element
 *       {@code = (d * scale) * (q6 - 32)}.</li>
 *   <li>{@link #IQ4_NL}: blocks of 32; F16 {@code d} then nibbles as Q4_0, each an index into a
 *       fixed table of 16 non-uniform levels ({@code -127 .. 113}); element {@code = d * level}.</li>
 *   <li>{@link #IQ4_XS}: super-blocks of 256; F16 {@code d}, a 16-bit word of the high 2 bits and
 *       4 bytes of the low 4 bits of eight 6-bit scales, 128 bytes of nibbles (IQ4_NL's levels)
 *       per 32 elements as Q4_0's; element {@code = (d * (scale - 32)) * level}.</li>
 * </ul>
 */
public enum GgufTensorType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    IQ4_NL(20, 32, 18),
    IQ4_XS(23, 256, 136),
    BF16(30, 1, 2);

    /** ggml's names for type ids 0..39, used to name a type that ThinkTrace does not read. */
    private static final String[] GGML_NAMES = {
        "F32", "F16", "Q4_0", "Q4_1", "Q4_2 (removed)", "Q4_3 (removed)", "Q5_0", "Q5_1", "Q8_0", "Q8_1",
        "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S",
        "IQ4_NL", "IQ3_S", "IQ2_S", "IQ4_XS", "I8", "I16", "I32", "I64", "F64", "IQ1_M",
        "BF16", "Q4_0_4_4 (removed)", "Q4_0_4_8 (removed)", "Q4_0_8_8 (removed)", "TQ1_0", "TQ2_0",
        "IQ4_NL_4_4 (removed)", "IQ4_NL_4_8 (removed)", "IQ4_NL_8_8 (removed)", "MXFP4",
    };

    private final int id;
    private final int blockSize;
    private final int blockBytes;

    GgufTensorType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** The ggml type id stored in a GGUF tensor info. */
    public int id() {
        return id;
    }

    /** Elements per block (1 for the float types). */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int blockBytes() {
        return blockBytes;
    }

    /** Whether elements are stored in blocks with shared scales rather than one by one. */
    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** The type with ggml id {@code id}, or null when ThinkTrace does not read it. */
    public static GgufTensorType fromId(long id) {
        for (GgufTensorType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** The types ThinkTrace reads, for messages: "F32, F16, Q4_0, …, IQ4_XS and BF16". */
    public static String readableNames() {
        GgufTensorType[] all = values();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            names.append(i == 0 ? "" : i == all.length - 1 ? " and " : ", ").append(all[i].name());
        }
        return names.toString();
    }

    /** ggml's name for a type id, e.g. "Q5_K" for 13, or "unknown" for ids ggml does not define. */
    public static String ggmlName(long id) {
        return id >= 0 && id < GGML_NAMES.length ? GGML_NAMES[(int) id] : "unknown";
    }
}

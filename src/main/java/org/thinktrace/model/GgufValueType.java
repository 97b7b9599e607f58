package org.thinktrace.model;

/**
 * The value types of GGUF metadata, with their ids in the file. Fixed-size types give their
 * byte size; {@link #STRING} (a uint64 byte length then UTF-8 bytes) and {@link #ARRAY}
 * (a uint32 element type, a uint64 count, then the elements) give 0.
 */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, 0),
    ARRAY(9, 0),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private final int id;
    private final int bytes;

    GgufValueType(int id, int bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    /** The id stored in the file. */
    public int id() {
        return id;
    }

    /** Bytes of one value, or 0 for the variable-length string and array. */
    public int bytes() {
        return bytes;
    }

    /** Whether values of this type are read as a Java {@code Long}. */
    public boolean isInteger() {
        return this == UINT8 || this == INT8 || this == UINT16 || this == INT16 || this == UINT32
                || this == INT32 || this == UINT64 || this == INT64;
    }

    /** The type with id {@code id}, or null for an id GGUF does not define. */
    public static GgufValueType fromId(long id) {
        for (GgufValueType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}

package org.thinktrace.model;

/** Element types of safetensors tensors that ThinkTrace reads, with their safetensors names. */
public enum TensorDataType {
    F32("F32", 4),
    F16("F16", 2),
    BF16("BF16", 2);

    private final String safetensorsName;
    private final int bytes;

    TensorDataType(String safetensorsName, int bytes) {
        this.safetensorsName = safetensorsName;
        this.bytes = bytes;
    }

    /** The {@code dtype} string in a safetensors header. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type for a safetensors {@code dtype} string, or null when ThinkTrace cannot read it. */
    public static TensorDataType fromSafetensorsName(String name) {
        for (TensorDataType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}

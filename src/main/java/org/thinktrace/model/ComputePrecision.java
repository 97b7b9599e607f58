package org.thinktrace.model;

import ai.djl.ndarray.types.DataType;

/**
 * The floating-point type weights are held and multiplied in. Norms and softmax stay FP32
 * whatever this is. BF16 is absent on purpose: the PyTorch engine of DJL 0.36 aborts the JVM on
 * any BF16 array, so BF16 checkpoints are widened to FP32 while loading.
 */
public enum ComputePrecision {
    /** Safe everywhere; the CPU default. */
    FP32(DataType.FLOAT32, "FP32"),
    /** Half the weight bytes; the GPU default, opt-in on CPU where only some kernels gain. */
    FP16(DataType.FLOAT16, "FP16");

    private final DataType dataType;
    private final String label;

    ComputePrecision(DataType dataType, String label) {
        this.dataType = dataType;
        this.label = label;
    }

    /** The DJL data type of weights in this precision. */
    public DataType dataType() {
        return dataType;
    }

    /** Short name for status lines. */
    public String label() {
        return label;
    }
}

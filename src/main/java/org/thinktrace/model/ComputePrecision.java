package org.thinktrace.model;

import ai.djl.ndarray.types.DataType;

/**
 * The type weights are held and multiplied in. Norms and softmax stay FP32 whatever this is. BF16 is absent on purpose: the PyTorch engine of DJL 0.36 aborts the JVM on
 * any BF16 array, so BF16 checkpoints are widened to FP32 while loading.
 */
public enum ComputePrecision {
    /** Safe everywhere; the CPU default. */
    FP32(DataType.FLOAT32, "FP32"),
    /** Half the weight bytes; the GPU default, opt-in on CPU where only some kernels gain. */
    FP16(DataType.FLOAT16, "FP16"),
    /**
     * Weight-only int8: every projection matrix and the {@code lm_head} quantized at load to
     * symmetric int8 with an FP32 scale per output row ({@link Int8Matrix}), a quarter of FP32's
     * bytes; embeddings FP16, biases and norms FP32; activations stay FP32. CPU only.
     */
    INT8(DataType.INT8, "INT8");

    private final DataType dataType;
    private final String label;

    ComputePrecision(DataType dataType, String label) {
        this.dataType = dataType;
        this.label = label;
    }

    /** The DJL data type of projection matrices in this precision. */
    public DataType dataType() {
        return dataType;
    }

    /** Short name for status lines. */
    public String label() {
        return label;
    }

    /**
     * The name on the command line ({@code --dtype int8}) and in settings and conversation files: the constant's
     * name in lower case. Every place that names a precision takes it from here, so a new constant is offered
     * everywhere at once.
     */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

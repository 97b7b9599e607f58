package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * All parameters of a decoder, held as FP32 arrays in native memory that this object owns.
 *
 * <p>The same holder serves inference and training: it is filled from a checkpoint
 * ({@link #load}) or initialised at random ({@link #random}), gradients can be attached
 * ({@link #attachGradient()}), and its values can be read back per checkpoint key
 * ({@link #parameters()}, {@link #toFloatArrays()}) for export. Closing it frees every parameter.
 */
public final class DecoderWeights implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Map<NDArray, QuantizedMatrix> quantized = new IdentityHashMap<>();
    private final List<LayerWeights> layers;

    private DecoderWeights(ModelConfig config, NDManager manager, Map<String, NDArray> parameters) {
        this(config, manager, parameters, Map.of());
    }

    private DecoderWeights(ModelConfig config, NDManager manager, Map<String, NDArray> parameters,
                           Map<String, ? extends QuantizedMatrix> quantizedByKey) {
        this.config = config;
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(parameters);
        quantizedByKey.forEach((key, matrix) -> quantized.put(parameters.get(key), matrix));
        List<LayerWeights> list = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            list.add(buildLayer(i));
        }
        this.layers = List.copyOf(list);
    }

    /**
     * Fresh parameters for {@code config}: projections and embeddings from N(0, std²), norms 1,
     * biases 0, drawn in checkpoint order from a generator seeded with {@code seed}.
     *
     * @param parent the manager under which the weights' own manager is created
     */
    public static DecoderWeights random(ModelConfig config, NDManager parent, long seed, float std) {
        NDManager manager = parent.newSubManager();
        Random random = new Random(seed);
        Map<String, NDArray> map = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            float[] values = new float[Math.toIntExact(spec.elementCount())];
            switch (spec.init()) {
                case NORMAL -> {
                    for (int j = 0; j < values.length; j++) {
                        values[j] = (float) (random.nextGaussian() * std);
                    }
                }
                case ONES -> Arrays.fill(values, 1f);
                case ZEROS -> { }
            }
            map.put(spec.key(), manager.create(values, new Shape(spec.shape())));
        }
        return new DecoderWeights(config, manager, map);
    }

    /**
     * Parameters from float arrays keyed by checkpoint key, copied into native memory.
     *
     * @throws IllegalArgumentException naming the key when one is missing or has the wrong length
     */
    public static DecoderWeights fromFloatArrays(ModelConfig config, NDManager parent, Map<String, float[]> values) {
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> map = new LinkedHashMap<>();
        try {
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                float[] v = values.get(spec.key());
                if (v == null) {
                    throw new IllegalArgumentException("missing parameter " + spec.key());
                }
                if (v.length != spec.elementCount()) {
                    throw new IllegalArgumentException("parameter " + spec.key() + " has " + v.length
                            + " values, expected " + spec.elementCount() + " for shape " + new Shape(spec.shape()));
                }
                map.put(spec.key(), manager.create(v, new Shape(spec.shape())));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new DecoderWeights(config, manager, map);
    }

    /**
     * Reads every parameter {@code config} needs from {@code checkpoint} into native FP32 memory
     * (BF16 and F16 files are converted while reading), checking each shape against the config.
     *
     * @param progress told the bytes read after each tensor
     * @throws CheckpointException                         naming the file and tensor when one is missing or misshapen
     * @throws java.util.concurrent.CancellationException when the loading thread is interrupted
     */
    public static DecoderWeights load(ModelConfig config, SafetensorsCheckpoint checkpoint, NDManager parent,
                                      LoadProgress progress) {
        return WeightLoader.load(config, checkpoint, parent, ComputePrecision.FP32, progress);
    }

    /**
     * As {@link #load(ModelConfig, SafetensorsCheckpoint, NDManager, LoadProgress)}, holding
     * projection matrices, embeddings and biases in {@code precision} (norm weights stay FP32),
     * converted block by block so that no FP32 copy of the model is ever resident.
     */
    public static DecoderWeights load(ModelConfig config, SafetensorsCheckpoint checkpoint, NDManager parent,
                                      ComputePrecision precision, LoadProgress progress) {
        return WeightLoader.load(config, checkpoint, parent, precision, progress);
    }

    /** Weights over arrays already in native memory, owned by {@code manager}. */
    static DecoderWeights assemble(ModelConfig config, NDManager manager, Map<String, NDArray> parameters) {
        return new DecoderWeights(config, manager, new LinkedHashMap<>(parameters));
    }

    /**
     * As above, with the quantized form of some matrices by key (owned by {@code manager} too): the
     * parameter under such a key is either that matrix's values or, for tied embeddings, the
     * 16-bit table whose quantized copy serves as {@code lm_head}.
     */
    static DecoderWeights assemble(ModelConfig config, NDManager manager, Map<String, NDArray> parameters,
                                   Map<String, ? extends QuantizedMatrix> quantized) {
        return new DecoderWeights(config, manager, new LinkedHashMap<>(parameters), quantized);
    }

    /**
     * The quantized form a projection by this parameter multiplies with, or null when it has none
     * (with tied embeddings, the embedding table's quantized copy for {@code lm_head}).
     */
    QuantizedMatrix quantized(NDArray parameter) {
        return quantized.get(parameter);
    }

    /**
     * The quantized form of every projection, layer by layer (q, k, v, o, gate, up, down), then of {@code lm_head};
     * empty when nothing is quantized.
     */
    List<QuantizedMatrix> quantizedProjections() {
        List<QuantizedMatrix> matrices = new ArrayList<>();
        for (LayerWeights layer : layers) {
            for (NDArray weight : new NDArray[] {layer.qProj(), layer.kProj(), layer.vProj(), layer.oProj(),
                    layer.gateProj(), layer.upProj(), layer.downProj()}) {
                if (quantized(weight) != null) {
                    matrices.add(quantized(weight));
                }
            }
        }
        if (quantized(lmHead()) != null) {
            matrices.add(quantized(lmHead()));
        }
        return matrices;
    }

    /** Whether any matrix is held quantized (int8 or 4-bit). */
    public boolean isQuantized() {
        return !quantized.isEmpty();
    }

    private LayerWeights buildLayer(int i) {
        return new LayerWeights(
                required(ParameterSpec.layerKey(i, "input_layernorm.weight")),
                required(ParameterSpec.layerKey(i, "self_attn.q_proj.weight")),
                parameters.get(ParameterSpec.layerKey(i, "self_attn.q_proj.bias")),
                required(ParameterSpec.layerKey(i, "self_attn.k_proj.weight")),
                parameters.get(ParameterSpec.layerKey(i, "self_attn.k_proj.bias")),
                required(ParameterSpec.layerKey(i, "self_attn.v_proj.weight")),
                parameters.get(ParameterSpec.layerKey(i, "self_attn.v_proj.bias")),
                parameters.get(ParameterSpec.layerKey(i, "self_attn.q_norm.weight")),
                parameters.get(ParameterSpec.layerKey(i, "self_attn.k_norm.weight")),
                required(ParameterSpec.layerKey(i, "self_attn.o_proj.weight")),
                required(ParameterSpec.layerKey(i, "post_attention_layernorm.weight")),
                required(ParameterSpec.layerKey(i, "mlp.gate_proj.weight")),
                required(ParameterSpec.layerKey(i, "mlp.up_proj.weight")),
                required(ParameterSpec.layerKey(i, "mlp.down_proj.weight")));
    }

    private NDArray required(String key) {
        NDArray array = parameters.get(key);
        if (array == null) {
            throw new IllegalStateException("decoder weights lack " + key);
        }
        return array;
    }

    /** The shapes these weights were made for. */
    public ModelConfig config() {
        return config;
    }

    /** The manager that owns every parameter; results of ops must never be attached to it. */
    NDManager manager() {
        return manager;
    }

    /** The checkpoint key of the embedding table. */
    static final String EMBED_TOKENS = "model.embed_tokens.weight";

    /** {@code model.embed_tokens.weight} [vocab, hidden]. */
    public NDArray embedTokens() {
        return parameters.get("model.embed_tokens.weight");
    }

    /** The parameters of layer {@code i}. */
    public LayerWeights layer(int i) {
        return layers.get(i);
    }

    /** The parameters of every layer, in order. */
    public List<LayerWeights> layers() {
        return layers;
    }

    /** {@code model.norm.weight} [hidden]. */
    public NDArray norm() {
        return parameters.get("model.norm.weight");
    }

    /** {@code lm_head.weight} [vocab, hidden], or the embeddings when they are tied. */
    public NDArray lmHead() {
        return config.tieWordEmbeddings() ? embedTokens() : parameters.get("lm_head.weight");
    }

    /** Every parameter by checkpoint key, in checkpoint order (no {@code lm_head.weight} when tied). */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /**
     * Weights for inference in {@code precision}: with FP16, every projection matrix, embedding and
     * bias is converted (norm weights stay FP32) and its FP32 original freed one tensor at a time,
     * so the peak is the FP32 weights plus one tensor. This holder must not be used afterwards: the
     * returned one owns the same memory manager.
     */
    public DecoderWeights convertTo(ComputePrecision precision) {
        if (precision.dataType() == DataType.FLOAT32) {
            return this;
        }
        if (precision == ComputePrecision.INT8) {
            return quantizeToInt8(Int8Matrix.PER_ROW);
        }
        if (precision == ComputePrecision.Q4) {
            return quantize(precision, weight -> Q4Matrix.quantize(weight, manager));
        }
        Map<String, NDArray> converted = new LinkedHashMap<>();
        parameters.forEach((key, array) -> {
            if (array.getShape().dimension() == 2 || key.endsWith(".bias")) {  // as WeightLoader.storedType
                converted.put(key, array.toType(precision.dataType(), false));   // attached to this manager
                array.close();
            } else {
                converted.put(key, array);
            }
        });
        return new DecoderWeights(config, manager, converted);
    }

    /**
     * As {@link #convertTo} for INT8, with {@code groupSize} values per scale
     * ({@link Int8Matrix#PER_ROW}: one scale per row).
     */
    DecoderWeights quantizeToInt8(int groupSize) {
        return quantize(ComputePrecision.INT8, weight -> Int8Matrix.quantize(weight, manager, groupSize));
    }

    /**
     * As {@link #convertTo} for a quantized precision: the stored types of
     * {@link WeightLoader#storedType}, each quantized matrix made by {@code quantizer} (into this
     * holder's manager) and its original freed.
     */
    private DecoderWeights quantize(ComputePrecision precision, java.util.function.Function<NDArray, QuantizedMatrix> quantizer) {
        Map<String, NDArray> converted = new LinkedHashMap<>();
        Map<String, QuantizedMatrix> matrices = new LinkedHashMap<>();
        if (config.tieWordEmbeddings()) {
            matrices.put(EMBED_TOKENS, quantizer.apply(embedTokens()));   // lm_head's copy
        }
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            NDArray array = parameters.get(spec.key());
            DataType stored = WeightLoader.storedType(spec, precision);
            if (WeightLoader.isQuantized(spec, precision)) {
                QuantizedMatrix matrix = quantizer.apply(array);
                matrices.put(spec.key(), matrix);
                converted.put(spec.key(), matrix.values());
                array.close();
            } else if (stored != array.getDataType()) {
                converted.put(spec.key(), array.toType(stored, false));                 // attached to this manager
                array.close();
            } else {
                converted.put(spec.key(), array);
            }
        }
        return new DecoderWeights(config, manager, converted, matrices);
    }

    /**
     * A second set of handles on these weights, for data-parallel training: every parameter shares
     * this one's memory (PyTorch's {@code detach}), so an in-place update of either is seen by
     * both, but the replica is a separate leaf that collects a gradient of its own once
     * {@link #attachGradient()} is called on it. Closing the replica frees its handles only; the
     * memory stays with this holder, which must outlive the replica's use.
     */
    public DecoderWeights sharedReplica(NDManager parent) {
        NDManager replicaManager = parent.newSubManager();
        Map<String, NDArray> views = new LinkedHashMap<>();
        parameters.forEach((key, array) -> {
            NDArray view = array.stopGradient();                                       // same storage
            view.attach(replicaManager);
            views.put(key, view);
        });
        return new DecoderWeights(config, replicaManager, views);
    }

    /** Marks every parameter as requiring a gradient (training). */
    public void attachGradient() {
        for (NDArray p : parameters.values()) {
            p.setRequiresGradient(true);
        }
    }

    /**
     * Every parameter as a tensor to write with {@link SafetensorsWriter}, keyed by checkpoint key.
     *
     * @param dtype the element type of the file (BF16 like real checkpoints, or F32)
     */
    public Map<String, TensorData> toTensorData(TensorDataType dtype) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        parameters.forEach((key, array) ->
                out.put(key, new TensorData(dtype, array.getShape().getShape(), array.toFloatArray())));
        return out;
    }

    /** Bytes a decode step reads: every parameter except the embedding table, of which it reads one row. */
    public long bytesReadPerToken() {
        NDArray embed = embedTokens();
        boolean headReadsTable = config.tieWordEmbeddings() && quantized(embed) == null;
        long embedBytes = headReadsTable ? 0 : embed.size() * embed.getDataType().getNumOfBytes();
        return byteSize() - embedBytes;
    }

    /** Copies every parameter to a Java array, keyed by checkpoint key, for export or inspection. */
    public Map<String, float[]> toFloatArrays() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((key, array) -> out.put(key, array.toFloatArray()));
        return out;
    }

    /** Bytes of parameter memory. */
    public long byteSize() {
        long bytes = 0;
        for (NDArray p : parameters.values()) {
            bytes += p.size() * p.getDataType().getNumOfBytes();
        }
        for (Map.Entry<NDArray, QuantizedMatrix> entry : quantized.entrySet()) {
            QuantizedMatrix matrix = entry.getValue();
            NDArray values = matrix.values();
            long valueBytes = values.size() * values.getDataType().getNumOfBytes();
            // the values under their key are counted above; a tied lm_head's own copy is not
            bytes += entry.getKey() == values ? matrix.byteSize() - valueBytes : matrix.byteSize();
        }
        return bytes;
    }

    /** Frees every parameter. */
    @Override
    public void close() {
        manager.close();
    }
}

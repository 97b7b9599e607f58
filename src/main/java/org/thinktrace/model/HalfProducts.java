package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A decode step's products on FP16 weights in Java ({@link HalfGemv}), read in place from the weights' memory: each
 * projection's rows are cut into chunks of about {@link #CHUNK_BYTES}, shared with the projection kernel's worker
 * lane where it has one ({@link LaneSharing}), every chunk multiplied with every input row before the next.
 */
final class HalfProducts {

    /** Weight bytes per shared chunk, as {@link QuantizedProjectionKernel#CHUNK_BYTES}. */
    static final int CHUNK_BYTES = QuantizedProjectionKernel.CHUNK_BYTES;

    private final HalfGemv gemv;
    private final LaneSharing lanes;
    private final Map<NDArray, ByteBuffer> memory = new IdentityHashMap<>();
    private final Map<NDArray, float[]> biases = new IdentityHashMap<>();

    private HalfProducts(HalfGemv gemv, LaneSharing lanes) {
        this.gemv = gemv;
        this.lanes = lanes;
    }

    /**
     * The products for these projections' FP16 weights, or null when one of them is not FP16 or PyTorch does not
     * expose its memory in one buffer (the step then keeps the kernel's PyTorch products).
     *
     * @param lanes the kernel's lanes, or null to run on the calling thread alone
     */
    static HalfProducts forOrNull(HalfGemv gemv, LaneSharing lanes, List<Projection> projections) {
        HalfProducts products = new HalfProducts(gemv, lanes);
        for (Projection p : projections) {
            NDArray weight = p.weight();
            if (weight.getDataType() != DataType.FLOAT16 || weight.getShape().dimension() != 2) return null;
            long bytes = weight.size() * Short.BYTES;
            if (bytes > Integer.MAX_VALUE) return null;
            try {
                products.memory.put(weight, WeightLoader.memoryOf(weight, bytes));
            } catch (IllegalStateException e) {
                return null;
            }
            if (p.bias() != null) {
                products.biases.put(p.bias(), p.bias().toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
        return products;
    }

    /**
     * {@code x · weightᵀ + bias} of every row for each projection (each one of those given to {@link #forOrNull}).
     *
     * @param x per row, [in]
     * @return per projection, one [out] per row
     */
    float[][][] multiply(float[][] x, Projection... projections) {
        float[][][] results = new float[projections.length][][];
        ByteBuffer[] halves = new ByteBuffer[projections.length];
        int[] cols = new int[projections.length];
        List<RowChunk> chunks = new ArrayList<>();
        for (int i = 0; i < projections.length; i++) {
            NDArray weight = projections[i].weight();
            int rows = Math.toIntExact(weight.getShape().get(0));
            cols[i] = Math.toIntExact(weight.getShape().get(1));
            halves[i] = memory.get(weight);
            results[i] = new float[x.length][rows];
            RowChunk.split(i, rows, (long) cols[i] * Short.BYTES, CHUNK_BYTES, chunks);
        }
        IntConsumer work = c -> {
            RowChunk chunk = chunks.get(c);
            int i = chunk.projection();
            gemv.multiply(halves[i], cols[i], x, results[i], chunk.first(), chunk.end());
        };
        if (lanes != null) {
            lanes.inLanes(chunks.size(), work);
        } else {
            for (int c = 0; c < chunks.size(); c++) work.accept(c);
        }
        for (int i = 0; i < projections.length; i++) {
            NDArray bias = projections[i].bias();
            if (bias == null) continue;
            float[] b = biases.get(bias);
            for (float[] row : results[i]) {
                for (int j = 0; j < row.length; j++) row[j] += b[j];
            }
        }
        return results;
    }
}

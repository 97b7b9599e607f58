package org.thinktrace.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.thinktrace.model.TensorData;
import org.thinktrace.model.TensorDataType;

/**
 * Uniform averages of a model's weights over the last steps of a run (tail, or Polyak, averaging). The average from
 * step {@code s} is the mean of the weights after steps {@code s}, {@code s + 1}, …, up to the steps done; it has begun
 * once step {@code s} is done. Each average is kept as a running mean, {@code mean += (w - mean) / n} with {@code n}
 * the weights averaged so far, so its cost per step is one pass over the parameters and nothing grows with the steps.
 *
 * <p>Native memory: one FP32 array per parameter and average, owned by this object's manager and freed by
 * {@link #close()}. Not thread-safe: the trainer's optimizer thread calls it between steps.
 */
final class WeightAverages implements AutoCloseable {

    /** The running means by start step, each by checkpoint key. */
    private final TreeMap<Integer, Map<String, NDArray>> means = new TreeMap<>();
    private final NDManager manager;

    /**
     * @param starts     the steps each average begins at (1-based, as steps are counted); none for no averages
     * @param parameters the weights averaged, by checkpoint key (read, never written)
     * @throws IllegalArgumentException when a start is below 1 or given twice
     */
    WeightAverages(List<Integer> starts, Map<String, NDArray> parameters, NDManager parent) {
        this.manager = parent.newSubManager();
        for (int start : starts) {
            if (start < 1) {
                throw new IllegalArgumentException("a weight average begins at step 1 or later, got " + start);
            }
            Map<String, NDArray> mean = new LinkedHashMap<>();
            parameters.forEach((key, array) -> mean.put(key, manager.zeros(array.getShape())));
            if (means.put(start, mean) != null) {
                throw new IllegalArgumentException("two weight averages begin at step " + start);
            }
        }
    }

    /** The steps the averages begin at, in ascending order. */
    List<Integer> starts() {
        return List.copyOf(means.keySet());
    }

    /** How many steps' weights the average from {@code start} holds after {@code stepsDone} steps. */
    static int count(int start, int stepsDone) {
        return Math.max(0, stepsDone - start + 1);
    }

    /**
     * Adds the weights after step {@code step} to every average that has begun. Call it once per step, in order, with
     * gradient recording off.
     */
    void add(int step, Map<String, NDArray> parameters) {
        for (Map.Entry<Integer, Map<String, NDArray>> average : means.headMap(step, true).entrySet()) {
            float share = 1f / count(average.getKey(), step);
            Map<String, NDArray> mean = average.getValue();
            try (NDScope scope = new NDScope()) {
                parameters.forEach((key, weight) -> {
                    NDArray m = mean.get(key);
                    m.addi(weight.sub(m).muli(share));   // [shape of the parameter], in place
                });
            }
        }
    }

    /** The average from {@code start}, by checkpoint key, as Java arrays (for a checkpoint). */
    Map<String, float[]> values(int start) {
        Map<String, float[]> out = new LinkedHashMap<>();
        mean(start).forEach((key, array) -> out.put(key, array.toFloatArray()));
        return out;
    }

    /** Every average, by start, as {@link #values}. */
    Map<Integer, Map<String, float[]>> allValues() {
        Map<Integer, Map<String, float[]>> out = new LinkedHashMap<>();
        means.keySet().forEach(start -> out.put(start, values(start)));
        return out;
    }

    /**
     * The average from {@code start} as tensors to write with the model's shapes, keyed by checkpoint key.
     *
     * @param dtype the element type of the file
     */
    Map<String, TensorData> toTensorData(int start, TensorDataType dtype) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        mean(start).forEach((key, array) ->
                out.put(key, new TensorData(dtype, array.getShape().getShape(), array.toFloatArray())));
        return out;
    }

    /**
     * Sets the average from {@code start} to {@code values} (a checkpoint's), written into its own memory.
     *
     * @throws IllegalArgumentException when a parameter is missing or has another size
     */
    void restore(int start, Map<String, float[]> values) {
        List<String> problems = new ArrayList<>();
        mean(start).forEach((key, array) -> {
            float[] saved = values.get(key);
            if (saved == null || saved.length != array.size()) {
                problems.add(key + (saved == null ? " missing" : " has " + saved.length + " values, expected " + array.size()));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the saved average from step " + start + " does not match the model: "
                    + String.join("; ", problems));
        }
        mean(start).forEach((key, array) -> {
            try (NDManager scratch = manager.newSubManager()) {
                array.set(new NDIndex("..."), scratch.create(values.get(key), array.getShape()));
            }
        });
    }

    private Map<String, NDArray> mean(int start) {
        Map<String, NDArray> mean = means.get(start);
        if (mean == null) {
            throw new IllegalArgumentException("no weight average begins at step " + start + "; averages begin at "
                    + means.keySet());
        }
        return mean;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package org.thinktrace.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter): Adam's bias-corrected moments, with weight decay decoupled from
 * the gradient ({@code p -= lr·wd·p}) and applied to matrices only (not to norms or biases).
 *
 * <p>Contract: {@link #update} changes the parameters in place and must run with gradient recording
 * off ({@link Autograd#withoutRecording}) inside an {@code NDScope}, which frees its temporaries.
 * The moments live in this object's own manager until {@link #close()}.
 */
final class AdamW implements AutoCloseable {

    /** Hyper-parameters. */
    record Settings(float beta1, float beta2, float epsilon, float weightDecay) {
        static Settings defaults(float weightDecay) {
            return new Settings(0.9f, 0.95f, 1e-8f, weightDecay);
        }
    }

    private final Settings settings;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private int updates;

    AdamW(Map<String, NDArray> parameters, Settings settings, NDManager parent) {
        this.settings = settings;
        this.manager = parent.newSubManager();
        parameters.forEach((key, p) -> {
            firstMoments.put(key, manager.zeros(p.getShape()));
            secondMoments.put(key, manager.zeros(p.getShape()));
        });
    }

    /**
     * One step: {@code g = gradient·gradientScale}, then the moment updates and the parameter update.
     *
     * @param gradients     by parameter key, same shapes as the parameters
     * @param gradientScale factor applied to every gradient (global-norm clipping), 1 for none
     */
    void update(Map<String, NDArray> parameters, Map<String, NDArray> gradients, float learningRate,
                float gradientScale) {
        updates++;
        float correction1 = (float) (1 - Math.pow(settings.beta1(), updates));
        float correction2 = (float) (1 - Math.pow(settings.beta2(), updates));
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            String key = e.getKey();
            NDArray p = e.getValue();
            NDArray g = gradients.get(key).mul(gradientScale);                         // [shape of p]
            NDArray m = firstMoments.get(key);
            NDArray v = secondMoments.get(key);
            m.muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));               // m = β1·m + (1-β1)·g
            v.muli(settings.beta2()).addi(g.square().mul(1 - settings.beta2()));      // v = β2·v + (1-β2)·g²
            NDArray denominator = v.div(correction2).sqrt().add(settings.epsilon());   // sqrt(v̂) + ε
            NDArray step = m.div(correction1).div(denominator).mul(learningRate);      // lr·m̂/(sqrt(v̂)+ε)
            if (p.getShape().dimension() >= 2 && settings.weightDecay() > 0) {
                p.muli(1 - learningRate * settings.weightDecay());                    // decoupled decay
            }
            p.subi(step);
        }
    }

    /** Number of updates made (Adam's t). */
    int updates() {
        return updates;
    }

    /** Copies of the moments for a checkpoint, keyed {@code m.<key>} and {@code v.<key>}. */
    Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        firstMoments.forEach((k, m) -> out.put("m." + k, m.toFloatArray()));
        secondMoments.forEach((k, v) -> out.put("v." + k, v.toFloatArray()));
        return out;
    }

    /** Restores moments saved by {@link #state()} after {@code updatesDone} updates. */
    void restore(Map<String, float[]> state, int updatesDone) {
        restoreInto(firstMoments, "m.", state);
        restoreInto(secondMoments, "v.", state);
        updates = updatesDone;
    }

    private void restoreInto(Map<String, NDArray> moments, String prefix, Map<String, float[]> state) {
        moments.forEach((key, array) -> {
            float[] values = state.get(prefix + key);
            if (values == null || values.length != array.size()) {
                throw new IllegalArgumentException("checkpoint lacks optimizer state " + prefix + key
                        + " of " + array.size() + " values");
            }
            array.set(values);
        });
    }

    @Override
    public void close() {
        manager.close();
    }
}

package org.thinktrace.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thinktrace.model.DecoderStack;
import org.thinktrace.model.DecoderWeights;
import org.thinktrace.model.TensorData;
import org.thinktrace.model.TensorDataType;

/**
 * Supervised fine-tuning of the project's own decoder on teacher traces: the forward pass is
 * {@link DecoderStack#forwardTraining}, the same math that runs inference.
 *
 * <p>One step: the step's batch ({@link BatchPlan}), logits, {@link MaskedCrossEntropy} on the
 * completion tokens and backward (split among {@code settings.workers()} threads by
 * {@link ShardedBackward}), global-norm clipping (the gradient scale handed to the optimizer),
 * {@link AdamW} at the {@link CosineSchedule} rate, gradients zeroed, and the new weights added to
 * any {@link WeightAverages weight averages} that have begun. Every native array a step creates is
 * freed when it ends (an {@link NDScope} plus a per-step manager).
 *
 * <p>Threading: not thread-safe; run it on one thread, prepared with
 * {@code DjlRuntime.prepareTrainingThread()} (with more than one worker, the passes run on the
 * trainer's own worker threads and this thread runs the optimizer). Training stops with
 * {@link TrainingDivergedException} when the loss or gradient norm is not finite.
 */
public final class Trainer implements AutoCloseable {

    private final DecoderWeights weights;
    private final ShardedBackward passes;
    private final AdamW optimizer;
    private final List<TrainingExample> examples;
    private final BatchPlan plan;
    private final TrainingSettings settings;
    private final NDManager manager;
    private final WeightAverages averages;
    private int stepsDone;

    /**
     * @param weights  the parameters to train (gradients get attached here; not closed by this trainer)
     * @param examples tokenised conversations
     * @param padId    id used to pad rows (masked out of the loss)
     */
    public Trainer(DecoderWeights weights, List<TrainingExample> examples, TrainingSettings settings, int padId,
                   NDManager parent) {
        this(weights, examples, settings, padId, parent, List.of());
    }

    /**
     * A trainer that also keeps a uniform average of the weights from each step of {@code averageFrom} on
     * ({@link WeightAverages}), checkpointed with the rest of the state.
     *
     * @param averageFrom the steps averages begin at, each from 1 to {@code settings.steps()}
     * @throws IllegalArgumentException when a start is outside the run or given twice
     */
    public Trainer(DecoderWeights weights, List<TrainingExample> examples, TrainingSettings settings, int padId,
                   NDManager parent, List<Integer> averageFrom) {
        for (int start : averageFrom) {
            if (start < 1 || start > settings.steps()) {
                throw new IllegalArgumentException("a weight average must begin at a step of the run, 1 to "
                        + settings.steps() + ", got " + start);
            }
        }
        this.weights = weights;
        this.examples = List.copyOf(examples);
        this.settings = settings;
        this.manager = parent.newSubManager();
        this.plan = new BatchPlan(this.examples, settings.batchTokens(), settings.seed());
        weights.attachGradient();
        this.passes = new ShardedBackward(weights, settings.workers(), padId, manager);
        this.optimizer = new AdamW(weights.parameters(), AdamW.Settings.defaults(settings.weightDecay()), manager);
        this.averages = new WeightAverages(averageFrom, weights.parameters(), manager);
    }

    /** Steps completed so far (including those of a restored checkpoint). */
    public int stepsDone() {
        return stepsDone;
    }

    /** Batches in one pass over the examples. */
    public int batchesPerEpoch() {
        return plan.batchesPerEpoch();
    }

    /**
     * Continues from a checkpoint in {@code dir}, if there is one; returns the steps it had done. The checkpoint's
     * weight averages that this trainer does not keep are dropped.
     *
     * @throws IllegalArgumentException   when the checkpoint does not match the model
     * @throws CheckpointAveragesException when the checkpoint lacks an average this trainer keeps that has begun by
     *                                     the checkpoint's step
     */
    public int restore(Path dir) throws IOException {
        TrainingCheckpoint.Saved saved = TrainingCheckpoint.load(dir).orElse(null);
        if (saved == null) {
            return 0;
        }
        if (saved.seed() != null && saved.seed() != settings.seed()) {
            throw new CheckpointSeedException(dir, saved.seed(), settings.seed());
        }
        weights.parameters().forEach((key, array) -> {
            float[] values = saved.weights().get(key);
            if (values == null || values.length != array.size()) {
                throw new IllegalArgumentException("checkpoint in " + dir + " does not match the model: parameter "
                        + key + (values == null ? " missing" : " has " + values.length + " values, expected " + array.size()));
            }
            overwrite(array, values);
        });
        for (int start : averages.starts()) {
            Map<String, float[]> average = saved.averages().get(start);
            if (average != null) {
                averages.restore(start, average);
            } else if (start <= saved.step()) {
                throw new CheckpointAveragesException(dir, saved.step(), start);
            }
        }
        optimizer.restore(saved.optimizer(), saved.step());
        stepsDone = saved.step();
        return stepsDone;
    }

    /**
     * Writes {@code values} into the parameter's own memory. {@code NDArray.set(float[])} would
     * point the parameter at new memory instead, which the workers' replicas
     * ({@link DecoderWeights#sharedReplica}) do not share: they would go on training the weights
     * the model was created with.
     */
    private void overwrite(NDArray parameter, float[] values) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray restored = scratch.create(values, parameter.getShape());
            Autograd.withoutRecording(() -> parameter.set(new NDIndex("..."), restored));   // copy_ in place
        }
    }

    /**
     * Trains until {@code settings.steps()} steps are done (or {@code stopAfter} more, whichever
     * comes first), checkpointing into {@code checkpointDir} when it is not null.
     *
     * @return the reports of the steps run
     */
    public List<StepReport> train(int stopAfter, Path checkpointDir, TrainingListener listener) throws IOException {
        List<StepReport> reports = new ArrayList<>();
        int end = (int) Math.min(settings.steps(), (long) stepsDone + stopAfter);
        while (stepsDone < end) {
            StepReport report = step();
            reports.add(report);
            listener.onStep(report);
            boolean due = settings.checkpointEvery() > 0 && stepsDone % settings.checkpointEvery() == 0;
            if (checkpointDir != null && (due || stepsDone == end)) {
                saveCheckpoint(checkpointDir);
                listener.onCheckpoint(stepsDone);
            }
        }
        return reports;
    }

    /** Writes a resumable checkpoint of the current state into {@code dir}. */
    public void saveCheckpoint(Path dir) throws IOException {
        TrainingCheckpoint.save(dir, stepsDone, settings.seed(), weights.toTensorData(TensorDataType.F32),
                optimizer.state(), averages.allValues());
    }

    /** The steps this trainer's weight averages begin at, ascending; empty when it keeps none. */
    public List<Integer> averageStarts() {
        return averages.starts();
    }

    /**
     * The uniform average of the weights after steps {@code start} to {@link #stepsDone()}, as tensors keyed by
     * checkpoint key, for {@link ModelExport}.
     *
     * @throws IllegalStateException    when the average has not begun (no step from {@code start} on is done)
     * @throws IllegalArgumentException when no average begins at {@code start}
     */
    public Map<String, TensorData> averagedWeights(int start, TensorDataType dtype) {
        if (WeightAverages.count(start, stepsDone) == 0) {
            throw new IllegalStateException("the weight average from step " + start + " has not begun: " + stepsDone
                    + " steps done");
        }
        return averages.toTensorData(start, dtype);
    }

    private StepReport step() {
        long start = System.nanoTime();
        double learningRate = settings.schedule().rate(stepsDone);
        List<TrainingExample> rows = new ArrayList<>();
        for (int index : plan.batchAt(stepsDone)) {
            rows.add(examples.get(index));
        }
        float loss;
        double norm;
        long tokens;
        try (NDScope scope = new NDScope(); NDManager stepManager = manager.newSubManager()) {
            try (GradientCollector collector = stepManager.getEngine().newGradientCollector()) {
                ShardedBackward.Pass pass = passes.run(rows, collector);
                loss = pass.loss();
                tokens = pass.tokens();
            }
            Map<String, NDArray> parameters = weights.parameters();
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            Autograd.withoutRecording(() -> gradients.putAll(passes.gradients()));
            norm = GradientClipping.globalNorm(gradients.values());
            if (!Float.isFinite(loss) || !Double.isFinite(norm)) {
                throw new TrainingDivergedException(stepsDone + 1, loss, norm);
            }
            float scale = GradientClipping.scale(norm, settings.clipNorm());
            Autograd.withoutRecording(() -> optimizer.update(parameters, gradients, (float) learningRate, scale));
            passes.zeroGradients();
        }
        stepsDone++;
        Autograd.withoutRecording(() -> averages.add(stepsDone, weights.parameters()));
        return new StepReport(stepsDone, settings.steps(), loss, learningRate, norm, tokens, System.nanoTime() - start);
    }

    /** Frees the optimizer state and constants (the weights stay open). */
    @Override
    public void close() {
        averages.close();
        passes.close();
        manager.close();
    }
}

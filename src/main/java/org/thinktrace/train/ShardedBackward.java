package org.thinktrace.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.thinktrace.model.DecoderStack;
import org.thinktrace.model.DecoderWeights;
import org.thinktrace.model.ProjectionKernel;
import org.thinktrace.model.PyTorchWorker;

/**
 * The forward and backward passes of one training step, data-parallel: the step's rows are dealt
 * to {@code shards} worker threads, each running PyTorch on one core against its own replica of
 * the parameters. The replicas share the parameters' memory ({@link DecoderWeights#sharedReplica}),
 * so the optimizer's in-place update reaches all of them, but each collects its own gradient; the
 * gradients are then added in shard order, so the result never depends on which thread finished
 * first and training stays reproducible. Two single-core training processes outrun one on two
 * cores, but two workers in one process measured no faster than one pass on two threads
 * (docs/training.md); the shipped recipe uses two because its model was trained with them.
 *
 * <p>With one shard everything runs on the calling thread, with the runtime's thread count, exactly
 * as an undivided batch. Not thread-safe: one step at a time, from one thread.
 */
final class ShardedBackward implements AutoCloseable {

    private final List<DecoderWeights> replicas = new ArrayList<>();     // [0] is weights itself
    private final List<DecoderStack> stacks = new ArrayList<>();
    private final List<PyTorchWorker> workers = new ArrayList<>();      // one per shard, none for one shard
    private final int padId;
    private final NDManager manager;
    private int shardsUsed;

    /** What the passes of one step produced. */
    record Pass(float loss, long tokens) {
    }

    /**
     * @param weights the trained parameters, with gradients attached (not closed here)
     * @param shards  worker threads; 1 computes on the calling thread
     */
    ShardedBackward(DecoderWeights weights, int shards, int padId, NDManager parent) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        this.padId = padId;
        this.manager = parent.newSubManager();
        for (int s = 0; s < shards; s++) {
            DecoderWeights replica = s == 0 ? weights : weights.sharedReplica(manager);
            if (s > 0) {
                replica.attachGradient();
            }
            replicas.add(replica);
            stacks.add(new DecoderStack(replica, ProjectionKernel.SERIAL));
        }
        if (shards > 1) {
            for (int s = 0; s < shards; s++) {
                workers.add(new PyTorchWorker("training-shard-" + s, manager, true));   // one core, gradients on
            }
        }
    }

    /**
     * Runs forward and backward on {@code rows}, leaving each used replica's gradient in place.
     *
     * @param collector open on the calling thread for the duration of the step
     * @return the batch's loss (mean over every row's completion tokens) and the positions computed
     */
    Pass run(List<TrainingExample> rows, GradientCollector collector) {
        float denominator = rows.stream().mapToInt(TrainingExample::completionLength).sum();
        if (workers.isEmpty()) {
            shardsUsed = 1;
            return pass(0, rows, denominator, collector);
        }
        shardsUsed = Math.min(workers.size(), rows.size());
        List<Future<Pass>> futures = new ArrayList<>();
        for (int s = 0; s < shardsUsed; s++) {
            int shard = s;
            List<TrainingExample> dealt = new ArrayList<>();
            for (int r = s; r < rows.size(); r += shardsUsed) {
                dealt.add(rows.get(r));                     // rows arrive by length: dealing keeps shards even
            }
            futures.add(workers.get(s).submit(() -> pass(shard, dealt, denominator, collector)));
        }
        float loss = 0;
        long tokens = 0;
        for (int s = 0; s < shardsUsed; s++) {
            Pass pass = workers.get(s).await(futures.get(s));
            loss += pass.loss();
            tokens += pass.tokens();
        }
        return new Pass(loss, tokens);
    }

    /**
     * The whole batch's gradient of every parameter, by key: shard 0's gradient with the other
     * shards of this step added to it in shard order (in place: once per step, with recording off).
     */
    Map<String, NDArray> gradients() {
        Map<String, NDArray> sums = new LinkedHashMap<>();
        replicas.get(0).parameters().forEach((key, p) -> sums.put(key, p.getGradient()));
        for (int s = 1; s < shardsUsed; s++) {
            replicas.get(s).parameters().forEach((key, p) -> sums.get(key).addi(p.getGradient()));
        }
        return sums;
    }

    /** Resets every replica's gradient to zero. */
    void zeroGradients() {
        for (DecoderWeights replica : replicas) {
            Autograd.zeroGradients(replica.parameters().values());
        }
    }

    private Pass pass(int shard, List<TrainingExample> rows, float denominator, GradientCollector collector) {
        try (NDScope scope = new NDScope(); NDManager passManager = manager.newSubManager()) {
            TokenBatch batch = TokenBatch.of(rows, padId, passManager);
            NDArray logits = stacks.get(shard).forwardTraining(batch.inputs());                // [B, T, V]
            NDArray loss = MaskedCrossEntropy.loss(logits, batch, passManager.create(denominator)); // []
            collector.backward(loss);
            return new Pass(loss.getFloat(), batch.tokens());
        }
    }

    /** Stops the workers and frees the replicas' handles and the decoder constants. */
    @Override
    public void close() {
        workers.forEach(PyTorchWorker::close);
        stacks.forEach(DecoderStack::close);
        for (int s = 1; s < replicas.size(); s++) {
            replicas.get(s).close();
        }
        manager.close();
    }
}

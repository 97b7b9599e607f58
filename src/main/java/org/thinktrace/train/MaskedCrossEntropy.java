package org.thinktrace.train;

import ai.djl.ndarray.NDArray;

/**
 * Mean next-token cross-entropy over the masked positions only (the assistant's tokens), written
 * from {@code logSoftmax} and {@code gather} because DJL's masked loss needs an op this engine
 * lacks. Every operand is an array (no Java-number operands, which would corrupt gradients).
 */
final class MaskedCrossEntropy {

    private MaskedCrossEntropy() {
    }

    /**
     * @param logits [B, T, V]
     * @param batch  targets [B, T] INT64, mask [B, T], maskedCount []
     * @return [] the mean negative log-likelihood of the masked targets
     */
    static NDArray loss(NDArray logits, TokenBatch batch) {
        return loss(logits, batch, batch.maskedCount());
    }

    /**
     * The masked targets' negative log-likelihood summed and divided by {@code denominator}: with
     * the masked count of a whole batch, the shares of its shards add up to the batch's mean.
     *
     * @param denominator [] FP32, alive until backward is done
     */
    static NDArray loss(NDArray logits, TokenBatch batch, NDArray denominator) {
        NDArray logProbabilities = logits.logSoftmax(-1);                                  // [B, T, V]
        NDArray index = batch.targets().expandDims(-1);                                    // [B, T, 1]
        NDArray picked = logProbabilities.gather(index, -1).squeeze(-1);                   // [B, T]
        return picked.mul(batch.mask()).sum().div(denominator).neg();                      // []
    }
}

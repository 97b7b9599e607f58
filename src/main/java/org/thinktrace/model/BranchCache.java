package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Where the rows of one batched decode step ({@link DecoderStack#attentionBlockBranches}) read and write keys and
 * values: a prefix shared by every row, read in place and never written, then each row's own tokens in its row of
 * a cache of many rows. Made once per step; its arrays belong to the step's manager.
 *
 * @param prefix        the cache holding the shared prefix (read only; one row)
 * @param prefixLength  positions {@code [0, prefixLength)} of {@code prefix} are the shared prefix (0: none)
 * @param own           the rows' own cache
 * @param rowIndex      [B] INT64: the row of {@code own} of each input row
 * @param positionIndex [B] INT64: where each input row's new token goes in its own row (the tokens it already holds)
 * @param readRows      {@code rowIndex} when the step reads some rows of {@code own}, null when it reads all of
 *                      them in order (a view, no copy)
 * @param keyLength     own positions read per row: the longest row's tokens, this step's included
 * @param mask          [B, 1, 1, keyLength] FP32: 0 at each row's own positions up to its new token, -1e30 after
 *                      them (finite, so that a masked score's probability is exactly 0)
 */
record BranchCache(KvCache prefix, int prefixLength, KvCache own, NDArray rowIndex, NDArray positionIndex,
                   NDArray readRows, int keyLength, NDArray mask) {

    /**
     * The step of rows {@code rows} of {@code own}, which hold {@code ownLengths} tokens each before it.
     *
     * @param manager the step's manager, which owns the arrays made here
     */
    static BranchCache of(KvCache prefix, int prefixLength, KvCache own, int[] rows, int[] ownLengths,
                          NDManager manager) {
        int count = rows.length;
        long[] rowIds = new long[count];
        long[] positions = new long[count];
        int keyLength = 0;
        boolean allInOrder = count == own.rows();
        for (int i = 0; i < count; i++) {
            rowIds[i] = rows[i];
            positions[i] = ownLengths[i];
            keyLength = Math.max(keyLength, ownLengths[i] + 1);
            allInOrder &= rows[i] == i;
        }
        float[] masked = new float[count * keyLength];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(masked, i * keyLength + ownLengths[i] + 1, (i + 1) * keyLength, -1e30f);
        }
        NDArray rowIndex = manager.create(rowIds);                                        // [B]
        return new BranchCache(prefix, prefixLength, own, rowIndex, manager.create(positions), // [B]
                allInOrder ? null : rowIndex, keyLength,
                manager.create(masked, new Shape(count, 1, 1, keyLength)));               // [B, 1, 1, L]
    }
}

package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Where the rows of one batched decode step ({@link DecoderStack#attentionBlockBranches}) read and write keys and
 * values: a prefix shared by every row, read in place and never written, then each row's own tokens in its row of
 * a cache of many rows: row b of the step is row b of that cache, so the step reads its first rows as a view, never
 * a copy. Made once per step; its arrays belong to the step's manager.
 *
 * @param prefix        the cache holding the shared prefix (read only; one row)
 * @param prefixLength  positions {@code [0, prefixLength)} of {@code prefix} are the shared prefix (0: none)
 * @param own           the rows' own cache; the step's B rows are its rows {@code [0, B)}
 * @param rowIndex      [B] INT64: 0 to B-1, the row of {@code own} of each input row
 * @param positionIndex [B] INT64: where each input row's new token goes in its own row (the tokens it already holds)
 * @param rows          B, the rows the step reads
 * @param keyLength     own positions read per row: the longest row's tokens, this step's included
 * @param mask          [B, 1, 1, keyLength] FP32: 0 at each row's own positions up to its new token, -1e30 after
 *                      them (finite, so that a masked score's probability is exactly 0)
 */
record BranchCache(KvCache prefix, int prefixLength, KvCache own, NDArray rowIndex, NDArray positionIndex,
                   int rows, int keyLength, NDArray mask) {

    /**
     * The step of rows {@code [0, ownLengths.length)} of {@code own}, row b holding {@code ownLengths[b]} tokens
     * before it.
     *
     * @param manager the step's manager, which owns the arrays made here
     */
    static BranchCache of(KvCache prefix, int prefixLength, KvCache own, int[] ownLengths, NDManager manager) {
        int count = ownLengths.length;
        if (count > own.rows()) {
            throw new IllegalArgumentException(count + " rows in a step of a cache of " + own.rows());
        }
        long[] rowIds = new long[count];
        long[] positions = new long[count];
        int keyLength = 0;
        for (int i = 0; i < count; i++) {
            rowIds[i] = i;
            positions[i] = ownLengths[i];
            keyLength = Math.max(keyLength, ownLengths[i] + 1);
        }
        float[] masked = new float[count * keyLength];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(masked, i * keyLength + ownLengths[i] + 1, (i + 1) * keyLength, -1e30f);
        }
        return new BranchCache(prefix, prefixLength, own, manager.create(rowIds), manager.create(positions), // [B], [B]
                count, keyLength, manager.create(masked, new Shape(count, 1, 1, keyLength)));               // [B, 1, 1, L]
    }
}

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
 * @param prefixLength  positions {@code [0, prefixLength)} of {@code prefix} are read (0: none): the longest of the
 *                      rows' prefixes
 * @param own           the rows' own cache; the step's B rows are its rows {@code [0, B)}
 * @param rowIndex      [B] INT64: 0 to B-1, the row of {@code own} of each input row
 * @param positionIndex [B] INT64: where each input row's new token goes in its own row (the tokens it already holds)
 * @param rows          B, the rows the step reads
 * @param keyLength     own positions read per row: the longest row's tokens, this step's included
 * @param mask          [B, 1, 1, keyLength] FP32: 0 at each row's own positions up to its new token, -1e30 after
 *                      them (finite, so that a masked score's probability is exactly 0)
 * @param prefixMask    [B, 1, 1, prefixLength] FP32: 0 at the prefix positions a row reads, -1e30 past its own
 *                      prefix; null when every row reads the whole prefix
 */
record BranchCache(KvCache prefix, int prefixLength, KvCache own, NDArray rowIndex, NDArray positionIndex,
                   int rows, int keyLength, NDArray mask, NDArray prefixMask) {

    /**
     * The step of rows {@code [0, ownLengths.length)} of {@code own}, row b reading the first {@code prefixLengths[b]}
     * positions of {@code prefix} and holding {@code ownLengths[b]} tokens of its own before it.
     *
     * @param manager the step's manager, which owns the arrays made here
     */
    static BranchCache of(KvCache prefix, int[] prefixLengths, KvCache own, int[] ownLengths, NDManager manager) {
        int count = ownLengths.length;
        if (count > own.rows()) {
            throw new IllegalArgumentException(count + " rows in a step of a cache of " + own.rows());
        }
        long[] rowIds = new long[count];
        long[] positions = new long[count];
        int keyLength = 0;
        int prefixLength = 0;
        for (int i = 0; i < count; i++) {
            rowIds[i] = i;
            positions[i] = ownLengths[i];
            keyLength = Math.max(keyLength, ownLengths[i] + 1);
            prefixLength = Math.max(prefixLength, prefixLengths[i]);
        }
        float[] masked = new float[count * keyLength];
        float[] prefixMasked = new float[count * prefixLength];
        boolean shorterPrefix = false;
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(masked, i * keyLength + ownLengths[i] + 1, (i + 1) * keyLength, -1e30f);
            java.util.Arrays.fill(prefixMasked, i * prefixLength + prefixLengths[i], (i + 1) * prefixLength, -1e30f);
            shorterPrefix |= prefixLengths[i] < prefixLength;
        }
        NDArray prefixMask = shorterPrefix ? manager.create(prefixMasked, new Shape(count, 1, 1, prefixLength)) : null;
        return new BranchCache(prefix, prefixLength, own, manager.create(rowIds), manager.create(positions), // [B], [B]
                count, keyLength, manager.create(masked, new Shape(count, 1, 1, keyLength)),               // [B, 1, 1, L]
                prefixMask);                                                                                // [B, 1, 1, P]
    }
}

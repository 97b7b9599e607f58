package org.thinktrace.model;

/**
 * Where one row of a batched decode step ({@link DecoderStack#attentionBlockBranches}) reads and writes keys and
 * values: a prefix shared with other rows, read in place and never written, then the row's own tokens.
 *
 * @param prefix       the cache holding the shared prefix (read only)
 * @param prefixLength positions {@code [0, prefixLength)} of {@code prefix} are the shared prefix (0: none)
 * @param own          the row's own cache: its token at step n is written at position n
 * @param ownLength    tokens already in {@code own}; this step's token goes to position {@code ownLength}
 */
record BranchCache(KvCache prefix, int prefixLength, KvCache own, int ownLength) {
}

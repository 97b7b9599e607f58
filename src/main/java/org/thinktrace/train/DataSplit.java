package org.thinktrace.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed train / evaluation split. A problem's canonical key is hashed (SHA-256, stable across
 * JVMs and runs); one key in ten goes to evaluation. Because the split depends on the key and not
 * on the phrasing or the random seed, no evaluation problem can occur in training data.
 */
public enum DataSplit {
    TRAIN, EVAL;

    /** Per-mille of keys that belong to {@link #EVAL}. */
    static final int EVAL_PER_MILLE = 100;

    /** The split of a canonical problem key. */
    public static DataSplit of(String key) {
        byte[] digest = sha256(key.getBytes(StandardCharsets.UTF_8));
        long head = 0;
        for (int i = 0; i < 8; i++) {
            head = (head << 8) | (digest[i] & 0xFF);
        }
        return Long.remainderUnsigned(head, 1000) < EVAL_PER_MILLE ? EVAL : TRAIN;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}

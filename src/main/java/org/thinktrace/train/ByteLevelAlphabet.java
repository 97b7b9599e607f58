package org.thinktrace.train;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level alphabet, as used by HuggingFace's {@code ByteLevel} pre-tokenizer and decoder:
 * each of the 256 byte values is shown as one printable character (printable Latin-1 bytes as
 * themselves, the others shifted to U+0100 and up, so that a space becomes {@code Ġ}). Symbol
 * {@code i} of {@link #symbol(int) the order} is token id {@code i} of a byte-level vocabulary,
 * like Qwen2's ({@code !} is 0).
 */
final class ByteLevelAlphabet {

    private static final char[] BY_BYTE = new char[256];
    private static final int[] ORDER = new int[256];

    static {
        int next = 0;
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        }
        for (int b = 0; b < 256; b++) {
            if (printable[b]) {
                BY_BYTE[b] = (char) b;
                ORDER[next++] = b;
            }
        }
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                BY_BYTE[b] = (char) (256 + shifted++);
                ORDER[next++] = b;
            }
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The character standing for byte {@code b} (0..255). */
    static char charOf(int b) {
        return BY_BYTE[b & 0xFF];
    }

    /** The {@code index}-th alphabet symbol (0..255), in vocabulary order. */
    static String symbol(int index) {
        return String.valueOf(BY_BYTE[ORDER[index]]);
    }

    /** The UTF-8 bytes of {@code text} written in the alphabet. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append(charOf(b));
        }
        return out.toString();
    }
}

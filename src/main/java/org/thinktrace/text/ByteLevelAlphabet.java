package org.thinktrace.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * GPT-2's byte-level alphabet, as used by byte-level BPE vocabularies (Qwen, Llama 3) and HuggingFace's
 * {@code ByteLevel} pre-tokenizer and decoder: each of the 256 byte values is stored as one printable
 * character ({@code Ġ} for a space, {@code Ċ} for a newline, {@code æ} for 0xE6 …). Printable Latin-1 bytes
 * stand for themselves; the other 68 bytes map, in byte order, to U+0100 onwards. Symbol {@code i} of
 * {@link #symbol(int) the vocabulary order} is token id {@code i} of a byte-level vocabulary like Qwen2's
 * ({@code !} is 0): first the printable bytes, then the shifted ones, each group in byte order.
 */
public final class ByteLevelAlphabet {

    /** Number of symbols: one per byte value. */
    public static final int SIZE = 256;

    private static final char[] CHAR_OF_BYTE = new char[SIZE];
    private static final int[] BYTE_OF_CHAR = new int[2 * SIZE];
    private static final int[] VOCABULARY_ORDER = new int[SIZE];

    static {
        Arrays.fill(BYTE_OF_CHAR, -1);
        int printableCount = 0;
        for (int b = 0; b < SIZE; b++) {
            if (printable(b)) printableCount++;
        }
        int nextPrintable = 0;
        int nextShifted = 0;
        for (int b = 0; b < SIZE; b++) {
            char c;
            if (printable(b)) {
                c = (char) b;
                VOCABULARY_ORDER[nextPrintable++] = b;
            } else {
                c = (char) (SIZE + nextShifted);
                VOCABULARY_ORDER[printableCount + nextShifted++] = b;
            }
            CHAR_OF_BYTE[b] = c;
            BYTE_OF_CHAR[c] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** GPT-2's rule: these bytes are shown as the Latin-1 character of the same code. */
    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    /** The character standing for byte {@code b} (only its low 8 bits count). */
    public static char charOf(int b) {
        return CHAR_OF_BYTE[b & 0xFF];
    }

    /** The {@code index}-th alphabet symbol (0..255), in vocabulary order. */
    public static String symbol(int index) {
        return String.valueOf(CHAR_OF_BYTE[VOCABULARY_ORDER[index]]);
    }

    /** The UTF-8 bytes of {@code text} written in the alphabet. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append(charOf(b));
        }
        return out.toString();
    }

    /** The bytes a stored byte-level piece stands for, or {@code null} when it is not in the alphabet. */
    public static byte[] bytesOf(String piece) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(piece.length());
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c >= BYTE_OF_CHAR.length || BYTE_OF_CHAR[c] < 0) {
                return null;
            }
            bytes.write(BYTE_OF_CHAR[c]);
        }
        return bytes.toByteArray();
    }
}

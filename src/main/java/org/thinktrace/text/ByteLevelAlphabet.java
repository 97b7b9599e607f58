package org.thinktrace.text;

import java.io.ByteArrayOutputStream;

/**
 * GPT-2's byte-level alphabet, used by byte-level BPE vocabularies (Qwen, Llama 3): every byte is stored
 * as one printable character ({@code Ġ} for a space, {@code Ċ} for a newline, {@code æ} for 0xE6 …).
 * Printable Latin-1 bytes stand for themselves; the other 68 bytes map, in order, to U+0100 onwards.
 */
final class ByteLevelAlphabet {

    private static final int[] BYTE_OF_CHAR = new int[512];

    static {
        java.util.Arrays.fill(BYTE_OF_CHAR, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_OF_CHAR[printable ? b : next++] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The bytes a stored byte-level piece stands for, or {@code null} when it is not in the alphabet. */
    static byte[] bytesOf(String piece) {
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

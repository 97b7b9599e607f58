package org.thinktrace.train;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into pre-tokens the way Qwen2's {@code tokenizer.json} does (NFC, then the split regex
 * below with behaviour {@code Isolated}): letters group into words with at most one leading
 * non-letter, every digit stands alone, punctuation runs keep one leading space, newlines group.
 * BPE merges never cross a pre-token boundary. The regex is written into the trained
 * {@code tokenizer.json}, so the HuggingFace runtime splits exactly as training did.
 */
final class Qwen2PreTokenizer {

    /** The pattern string as it appears in Qwen2's {@code tokenizer.json}. */
    static final String PATTERN =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** Java's {@code \s} is ASCII-only unless asked; Rust's regex (HuggingFace) is Unicode-aware. */
    private static final Pattern REGEX = Pattern.compile(PATTERN, Pattern.UNICODE_CHARACTER_CLASS);

    private Qwen2PreTokenizer() {
    }

    /** The pre-tokens of {@code text}, after NFC normalisation; their concatenation is the normalised text. */
    static List<String> split(String text) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<String> out = new ArrayList<>();
        Matcher m = REGEX.matcher(normalised);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(normalised.substring(last, m.start()));
            }
            out.add(m.group());
            last = m.end();
        }
        if (last < normalised.length()) {
            out.add(normalised.substring(last));
        }
        return out;
    }
}

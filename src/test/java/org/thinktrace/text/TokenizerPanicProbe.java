package org.thinktrace.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link TokenizerRegexGuardTest}: builds DJL's HuggingFace tokenizer straight from a
 * {@code tokenizer.json} (no validation of ours) and encodes one text. Prints {@code ENCODED <n>} and exits 0,
 * or prints {@code EXCEPTION <type>: <message>} and exits 3 when DJL surfaces a failure as a Java exception.
 * A Rust panic that DJL does not catch ends the process some other way (abort, exit 134).
 */
public final class TokenizerPanicProbe {

    private TokenizerPanicProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                Files.newInputStream(Path.of(args[0])), Map.of("addSpecialTokens", "false", "truncation", "false",
                        "padding", "false"))) {
            long[] ids = tokenizer.encode(args[1], false, false).getIds();
            System.out.println("ENCODED " + ids.length);
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            System.out.println("EXCEPTION " + e.getClass().getName() + ": " + e.getMessage());
            System.out.flush();
            System.exit(3);
        }
    }
}

package org.thinktrace.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link IsolatedEncoder}: builds DJL's HuggingFace tokenizers from two {@code tokenizer.json}
 * files (with and without added tokens) and encodes texts for its parent, so that a native panic ends this process
 * and not the app.
 *
 * <p>Protocol on standard input and output (big-endian, {@link DataOutputStream}): a request is a byte (1 = with
 * added tokens, 0 = plain), an int n and n bytes of UTF-8 text; the answer is a byte 0, an int count and count
 * ints (the ids), or a byte 1 and a {@code writeUTF} message when the library refused the text. A ready byte 0
 * is written once both tokenizers are built. Nothing else is written to standard output.
 */
public final class TokenizerWorker {

    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false");

    private TokenizerWorker() {
    }

    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err); // the protocol owns standard output
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        try (HuggingFaceTokenizer special = build(Path.of(args[0]));
             HuggingFaceTokenizer plain = build(Path.of(args[1]))) {
            out.writeByte(0);
            out.flush();
            while (true) {
                int kind;
                try {
                    kind = in.readUnsignedByte();
                } catch (EOFException e) {
                    return; // the parent closed the pipe: done
                }
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                HuggingFaceTokenizer tokenizer = kind == 1 ? special : plain;
                long[] ids;
                try {
                    ids = tokenizer.encode(new String(text, StandardCharsets.UTF_8), false, false).getIds();
                } catch (RuntimeException e) {
                    out.writeByte(1);
                    out.writeUTF(String.valueOf(e.getMessage()));
                    out.flush();
                    continue;
                }
                out.writeByte(0);
                out.writeInt(ids.length);
                for (long id : ids) out.writeInt(Math.toIntExact(id));
                out.flush();
            }
        }
    }

    private static HuggingFaceTokenizer build(Path file) throws IOException {
        try (var stream = Files.newInputStream(file)) {
            return HuggingFaceTokenizer.newInstance(stream, OPTIONS);
        }
    }
}

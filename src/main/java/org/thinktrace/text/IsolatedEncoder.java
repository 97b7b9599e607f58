package org.thinktrace.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encodes with the native tokenizer in a child JVM ({@link TokenizerWorker}), for a {@code tokenizer.json} whose
 * regular expressions are not among the known-good ones ({@link TokenizerRegexCheck#isKnownGood}). Why: the
 * tokenizer library panics when its regex engine gives up on a text (Oniguruma's retry limit), DJL does not catch
 * the panic, and the process aborts; no check of a pattern can rule that out for every text. Here the abort ends
 * the child: the call that caused it fails with {@link TokenizerCrashedException}, and the next call starts a
 * new child.
 *
 * <p>Thread safety: calls are serialised; one request is in flight at a time.
 */
final class IsolatedEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IsolatedEncoder.class);

    private final Path file;
    private final Path special;
    private final Path plain;
    private final Path errors;
    private Process process;
    private DataOutputStream toWorker;
    private DataInputStream fromWorker;

    /**
     * Starts the child and waits until both tokenizers are built in it.
     *
     * @throws IOException naming {@code file} when the child cannot start or build them
     */
    IsolatedEncoder(Path file, byte[] withAddedTokens, byte[] withoutAddedTokens) throws IOException {
        this.file = file;
        this.special = Files.createTempFile("thinktrace-tokenizer-", ".json");
        this.plain = Files.createTempFile("thinktrace-tokenizer-plain-", ".json");
        this.errors = Files.createTempFile("thinktrace-tokenizer-", ".log");
        special.toFile().deleteOnExit();
        plain.toFile().deleteOnExit();
        errors.toFile().deleteOnExit();
        Files.write(special, withAddedTokens);
        Files.write(plain, withoutAddedTokens);
        try {
            start();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void start() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xss4m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), TokenizerWorker.class.getName(),
                special.toString(), plain.toString()));
        process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        try {
            if (fromWorker.readUnsignedByte() != 0) throw new IOException("unexpected answer");
        } catch (IOException e) {
            int exit = exitOf(process);
            process = null;
            throw new IOException(file + ": the tokenizer could not be built in its own process (exit " + exit + ")", e);
        }
    }

    /**
     * The ids of {@code text}, with or without the added tokens recognised.
     *
     * @throws TokenizerCrashedException when the native tokenizer crashed on the text (the child ended)
     * @throws IllegalArgumentException when the library refused the text (with its reason)
     */
    synchronized int[] encode(boolean withAddedTokens, String text) {
        try {
            if (process == null) start();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            toWorker.writeByte(withAddedTokens ? 1 : 0);
            toWorker.writeInt(bytes.length);
            toWorker.write(bytes);
            toWorker.flush();
            if (fromWorker.readUnsignedByte() != 0) {
                throw new IllegalArgumentException(file + ": the tokenizer refused a text: " + fromWorker.readUTF());
            }
            int[] ids = new int[fromWorker.readInt()];
            for (int i = 0; i < ids.length; i++) ids[i] = fromWorker.readInt();
            return ids;
        } catch (IOException e) {
            int exit = process == null ? -1 : exitOf(process);
            process = null;
            TokenizerCrashedException crash = new TokenizerCrashedException(file + ": the native tokenizer crashed"
                    + " (exit " + exit + ") on a text of " + text.length() + " characters" + panicMessage()
                    + "; its regular expressions are not among the known-good ones, so it runs in its own process"
                    + " and only this call failed", e);
            LOG.error("tokenizer process ended", crash);
            throw crash;
        }
    }

    /** ": Onig: Regex search error: retry-limit-in-match over" from the child's panic report, or "". */
    private String panicMessage() {
        try {
            List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).contains("panicked at")) return ": " + lines.get(i + 1).strip().replaceAll("\\p{Cntrl}", "?");
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not read the tokenizer process's errors", e);
        }
        return "";
    }

    private static int exitOf(Process process) {
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            try {
                toWorker.close();
            } catch (IOException e) {
                LOG.debug("closing the tokenizer process's input", e);
            }
            process.destroy();
            process = null;
        }
        try {
            Files.deleteIfExists(special);
            Files.deleteIfExists(plain);
            Files.deleteIfExists(errors);
        } catch (IOException e) {
            LOG.warn("could not delete a temporary tokenizer file", e);
        }
    }
}

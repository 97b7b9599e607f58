package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.thinktrace.model.ModelConfigLoaderTest.assertMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken and hostile GGUF files end in a {@link CheckpointException} naming the file and the key,
 * tensor or value: a list of named cases, then a seeded run of mutated headers that must each end in
 * a clean exception or a read whose tensors all decode, within a generous time bound.
 */
class GgufHostileFileTest {

    private static final long HUGE = 0x7FFF_FFFF_FFFF_FFF0L;

    @TempDir
    Path dir;

    private static GgufTestWriter base() {
        return new GgufTestWriter().put("general.architecture", GgufValueType.STRING, "llama");
    }

    private static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static Stream<Arguments> hostileFiles() {
        byte[] header = new GgufTestWriter().toBytes();
        return Stream.of(
                Arguments.of("too short", (Supplier<byte[]>) () -> new byte[] {'G', 'G'}, new String[] {"too short"}),
                Arguments.of("wrong magic", (Supplier<byte[]>) () -> "PK\u0003\u0004rest of a zip".getBytes(),
                        new String[] {"not a GGUF file", "0x504B0304"}),
                Arguments.of("version 1", (Supplier<byte[]>) () -> new GgufTestWriter().version(1).toBytes(),
                        new String[] {"version 1", "obsolete"}),
                Arguments.of("big-endian", (Supplier<byte[]>) () -> new GgufTestWriter().version(0x03000000).toBytes(),
                        new String[] {"version 50331648", "big-endian"}),
                Arguments.of("truncated counts", (Supplier<byte[]>) () -> Arrays.copyOf(header, 12),
                        new String[] {"tensor count", "needs 8 bytes at offset 8", "ends at 12"}),
                Arguments.of("absurd tensor count", (Supplier<byte[]>) () -> patch(header, 8, le64(-1L)),
                        new String[] {"tensor count 18446744073709551615", "limit of 65536"}),
                Arguments.of("absurd metadata count", (Supplier<byte[]>) () -> patch(header, 16, le64(1L << 40)),
                        new String[] {"metadata count 1099511627776", "limit"}),
                Arguments.of("metadata count beyond the file", (Supplier<byte[]>) () -> Arrays.copyOf(patch(header, 16, le64(1000)), 24),
                        new String[] {"metadata key #0 length", "needs 8 bytes"}),
                Arguments.of("string past the end", (Supplier<byte[]>) () -> base().putRaw("k", 8, le64(1 << 20)).toBytes(),
                        new String[] {"metadata key k", "needs 1048576 bytes"}),
                Arguments.of("string above the cap", (Supplier<byte[]>) () -> base().putRaw("k", 8, le64(HUGE)).toBytes(),
                        new String[] {"metadata key k", "string length 9223372036854775792", "limit of 16777216"}),
                Arguments.of("non-UTF-8 string", (Supplier<byte[]>) () -> base()
                        .putRaw("k", 8, concat(le64(2), new byte[] {(byte) 0xC3, 0x28})).toBytes(),
                        new String[] {"metadata key k", "not valid UTF-8"}),
                Arguments.of("unknown value type", (Supplier<byte[]>) () -> base().putRaw("k", 13, new byte[8]).toBytes(),
                        new String[] {"metadata key k", "unknown value type 13"}),
                Arguments.of("array of arrays", (Supplier<byte[]>) () -> base()
                        .putRaw("k", 9, concat(new byte[] {9, 0, 0, 0}, le64(1), new byte[] {4, 0, 0, 0}, le64(0))).toBytes(),
                        new String[] {"metadata key k", "arrays of arrays"}),
                Arguments.of("absurd array length", (Supplier<byte[]>) () -> base()
                        .putRaw("k", 9, concat(new byte[] {0, 0, 0, 0}, le64(HUGE))).toBytes(),
                        new String[] {"metadata key k", "array length 9223372036854775792", "limit"}),
                Arguments.of("arrays above the values limit together", (Supplier<byte[]>) () -> base()
                        .putRaw("a", 9, concat(new byte[] {0, 0, 0, 0}, le64(5_000_000), new byte[5_000_000]))
                        .putRaw("b", 9, concat(new byte[] {0, 0, 0, 0}, le64(5_000_000), new byte[5_000_000])).toBytes(),
                        new String[] {"metadata key b", "array of 5000000 values", "limit of 8388608 values in all"}),
                Arguments.of("array past the end", (Supplier<byte[]>) () -> base()
                        .putRaw("k", 9, concat(new byte[] {5, 0, 0, 0}, le64(1 << 20))).toBytes(),
                        new String[] {"metadata key k", "1048576 INT32 values", "needs at least 4194304 bytes"}),
                Arguments.of("boolean not 0 or 1", (Supplier<byte[]>) () -> base().putRaw("k", 7, new byte[] {2}).toBytes(),
                        new String[] {"metadata key k", "boolean byte 2"}),
                Arguments.of("duplicate key", (Supplier<byte[]>) () -> base()
                        .put("general.architecture", GgufValueType.STRING, "qwen2").toBytes(),
                        new String[] {"metadata key general.architecture appears twice"}),
                Arguments.of("alignment not a power of two", (Supplier<byte[]>) () -> base().alignment(48).toBytes(),
                        new String[] {"general.alignment is 48", "power of two"}),
                Arguments.of("alignment a string", (Supplier<byte[]>) () -> base()
                        .put("general.alignment", GgufValueType.STRING, "32").toBytes(),
                        new String[] {"general.alignment is STRING", "not an integer"}),
                Arguments.of("five dimensions", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {1, 1, 1, 1, 1}, 0).extraData(64).toBytes(),
                        new String[] {"tensor w", "5 dimensions"}),
                Arguments.of("zero dimension", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {4, 0}, 0).extraData(64).toBytes(),
                        new String[] {"tensor w", "dimension 1 is 0"}),
                Arguments.of("dimension above 2^63", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {4, -2}, 0).extraData(64).toBytes(),
                        new String[] {"tensor w", "dimension 1 is 18446744073709551614"}),
                Arguments.of("dims overflow", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {1L << 40, 1L << 40}, 0).extraData(64).toBytes(),
                        new String[] {"tensor w", "[1099511627776, 1099511627776]", "more elements"}),
                Arguments.of("byte length overflow", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {1L << 62}, 0).extraData(64).toBytes(),
                        new String[] {"tensor w", "[4611686018427387904]", "more elements"}),
                Arguments.of("unsupported type", (Supplier<byte[]>) () -> base()
                        .rawTensor("blk.0.ffn_down.weight", 16, new long[] {256}, 0).extraData(256).toBytes(),
                        new String[] {"tensor blk.0.ffn_down.weight", "ggml type 16 (IQ2_XXS)", "not supported",
                            "Q5_K, Q6_K, IQ4_NL, IQ4_XS and BF16"}),
                Arguments.of("unknown type", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 999, new long[] {4}, 0).extraData(64).toBytes(),
                        new String[] {"tensor w", "ggml type 999 (unknown)"}),
                Arguments.of("row not whole blocks", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 12, new long[] {100, 2}, 0).extraData(512).toBytes(),
                        new String[] {"tensor w", "row length 100", "Q4_K block size 256"}),
                Arguments.of("offset not aligned", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {4}, 4).extraData(64).toBytes(),
                        new String[] {"tensor w", "offset 4", "alignment 32"}),
                Arguments.of("data past the end", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {64, 64}, 0).extraData(64).toBytes(),
                        new String[] {"tensor w", "16384 bytes of F32", "outside the data section of 64 bytes"}),
                Arguments.of("offset past the end", (Supplier<byte[]>) () -> base()
                        .rawTensor("w", 0, new long[] {4}, 1L << 40).extraData(64).toBytes(),
                        new String[] {"tensor w", "at offset 1099511627776", "outside"}),
                Arguments.of("overlapping tensors", (Supplier<byte[]>) () -> base()
                        .rawTensor("a", 0, new long[] {16}, 0).rawTensor("b", 8, new long[] {32}, 32).extraData(128).toBytes(),
                        new String[] {"tensors a and b overlap"}),
                Arguments.of("duplicate tensor", (Supplier<byte[]>) () -> base()
                        .rawTensor("a", 0, new long[] {4}, 0).rawTensor("a", 0, new long[] {4}, 32).extraData(64).toBytes(),
                        new String[] {"tensor a appears twice"}));
    }

    private static byte[] patch(byte[] bytes, int at, byte[] with) {
        byte[] copy = bytes.clone();
        System.arraycopy(with, 0, copy, at, with.length);
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileFileIsNamed(String name, Supplier<byte[]> bytes, String[] expected) throws IOException {
        Path file = Files.write(dir.resolve("hostile.gguf"), bytes.get());
        CheckpointException e = assertThrows(CheckpointException.class, () -> GgufFile.read(file));
        String[] withFile = Stream.concat(Stream.of(file.toString()), Stream.of(expected)).toArray(String[]::new);
        assertMessage(e, withFile);
    }

    /**
     * An array of 16 MiB strings is refused as soon as it passes the header limit (after its fourth string), not
     * only at its end: here the file ends after the fifth string's length, so its bytes must never be asked for. The strings are
     * holes of a sparse file.
     */
    @Test
    void anArrayOfLongStringsIsRefusedAtTheHeaderLimit() throws IOException {
        long stringBytes = GgufFile.MAX_STRING_BYTES;
        byte[] prefix = base().alignment(1)
                .putRaw("k", 9, concat(new byte[] {8, 0, 0, 0}, le64(6))).toBytes();
        Path file = dir.resolve("long-strings.gguf");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            out.write(ByteBuffer.wrap(prefix), 0);
            long at = prefix.length;
            for (int i = 0; i < 5; i++) {
                out.write(ByteBuffer.wrap(le64(stringBytes)), at);
                at += 8 + stringBytes;
            }
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> GgufFile.read(file));
        assertMessage(e, file.toString(), "the header is longer than the limit of " + GgufFile.MAX_HEADER_BYTES);
    }

    @Test
    void mutatedHeadersEndInACleanExceptionOrACorrectRead() throws IOException {
        byte[] valid = validFile();
        GgufFile.read(Files.write(dir.resolve("valid.gguf"), valid));
        int refused = 0;
        int read = 0;
        for (int c = 0; c < 400; c++) {
            Random random = new Random(9_000L + c);
            byte[] mutated = mutate(valid, random);
            Path file = Files.write(dir.resolve("mutant-" + c + ".gguf"), mutated);
            int caseNumber = c;
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> readFully(file, caseNumber));
            refused += ok ? 0 : 1;
            read += ok ? 1 : 0;
            Files.delete(file);
        }
        if (refused < 100 || read < 10) {
            fail(refused + " mutants refused and " + read + " read: the mutations should reach both outcomes");
        }
    }

    /** Reads the file, checks each tensor lies where the rules say, decodes it; true when it read, false on a CheckpointException. */
    private static boolean readFully(Path file, int caseNumber) throws IOException {
        try {
            GgufFile gguf = GgufFile.read(file);
            try (GgufTensorReader reader = new GgufTensorReader(gguf)) {
                long size = Files.size(file);
                for (GgufTensorInfo t : gguf.tensors().values()) {
                    if (t.dataOffset() < gguf.dataStart() || t.dataOffset() + t.byteLength() > size
                            || (t.dataOffset() - gguf.dataStart()) % gguf.alignment() != 0
                            || t.byteLength() != t.rowCount() * t.rowBytes()) {
                        fail("case " + caseNumber + ": tensor accepted outside the rules: " + t);
                    }
                    reader.readAll(t);
                }
            }
            return true;
        } catch (CheckpointException e) {
            if (!e.getMessage().startsWith(file.toString())) {
                fail("case " + caseNumber + ": message does not name the file: " + e.getMessage());
            }
            return false;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError("case " + caseNumber + " failed with " + e, e);
        }
    }

    private static byte[] validFile() {
        Random random = new Random(1);
        byte[] q8 = new byte[2 * 34];
        byte[] q4k = new byte[144];
        random.nextBytes(q8);
        random.nextBytes(q4k);
        return new GgufTestWriter()
                .put("general.architecture", GgufValueType.STRING, "qwen2")
                .put("qwen2.block_count", GgufValueType.UINT32, 1L)
                .put("qwen2.rope.freq_base", GgufValueType.FLOAT32, 10000f)
                .put("tokenizer.ggml.tokens", GgufValueType.ARRAY,
                        new GgufArray(GgufValueType.STRING, List.of("a", "b", "ab", "<|endoftext|>")))
                .put("tokenizer.ggml.token_type", GgufValueType.ARRAY,
                        new GgufArray(GgufValueType.INT32, List.of(1L, 1L, 1L, 3L)))
                .put("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, false)
                .tensor("output_norm.weight", GgufTensorType.F32, new long[] {8}, new byte[32])
                .tensor("blk.0.attn_q.weight", GgufTensorType.Q8_0, new long[] {32, 2}, q8)
                .tensor("token_embd.weight", GgufTensorType.Q4_K, new long[] {256, 1}, q4k)
                .toBytes();
    }

    /** One mutation anywhere, or one to four in the first 420 bytes, each: a random byte, a flipped bit, an extreme 8-byte value, a truncation, an insertion. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        boolean single = random.nextBoolean();
        int headerEnd = single ? b.length : Math.min(b.length, 420);
        int mutations = single ? 1 : 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(headerEnd);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> {
                    long[] extremes = {-1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 0xFFFF_FFFFL, 0, 1L << 24, 13};
                    byte[] v = le64(extremes[random.nextInt(extremes.length)]);
                    System.arraycopy(v, 0, b, at, Math.min(random.nextBoolean() ? 8 : 4, b.length - at));
                }
                case 3 -> b = Arrays.copyOf(b, at);
                default -> {
                    byte[] extra = new byte[1 + random.nextInt(8)];
                    random.nextBytes(extra);
                    b = concat(Arrays.copyOf(b, at), extra, Arrays.copyOfRange(b, at, b.length));
                }
            }
            headerEnd = Math.min(b.length, headerEnd);
            if (headerEnd == 0) {
                break;
            }
        }
        return b;
    }
}

package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.model.ModelLoadException;
import org.thinktrace.model.SafetensorsCheckpoint;
import org.thinktrace.model.SafetensorsWriter;
import org.thinktrace.model.TensorData;
import org.thinktrace.model.TensorDataType;
import org.thinktrace.text.ChatTemplate;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.jinja.TemplateException;

/**
 * A seeded fuzz run through the real loading paths: mutated safetensors headers through
 * {@link SafetensorsCheckpoint} (open, then read every tensor), mutated chat templates through
 * {@link ChatTemplate} (parse, then render a conversation), and mutated tokenizer configs and tokenizer files
 * through {@link ModelText} (load, then encode a conversation). Every case must either work or fail with the
 * clean exception of its layer, within a time bound; anything else (another exception, an {@code Error}, a
 * hang) fails the run, naming the seed and case so that it can be replayed.
 */
@Timeout(180)
class UntrustedFolderFuzzTest {

    private static final long SEED = 19;
    private static final int HEADERS = 2_000;
    private static final int TEMPLATES = 400;
    private static final int TOKENIZER_FILES = 80;
    private static final long CASE_BOUND_NANOS = 10_000_000_000L;
    private static final Path BUNDLED = Path.of("models/thinktrace-r1-tiny");
    private static final Path TEMPLATES_DIR = Path.of("../shared/fixtures/chat-templates");
    private static final byte[] NASTY = "{}[]\",:-09e. \\\u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] NUMBERS = {"-1", "0", "1", "4294967296", "9223372036854775807", "99999999999999999999",
            "1e308", "-0", "1.5", "null", "\"x\"", "[]", "{}"};
    private static final String[] TEMPLATE_SNIPPETS = {"{%", "%}", "{{", "}}", "{% for x in range(100000) %}",
            "{% endfor %}", "{% if", "{% endif %}", "((((", "))))", "'a' * 99999999", "~ messages", "| tojson",
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "[-1]", "[::-1]", ".split()", "|join", "raise_exception('x')",
            "loop.index", "namespace(", "{% set", "\u001b[2J", "'", "\"", "**", "|length", "{#", "#}", "{%- ", " -%}"};

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();

    @Test
    void mutatedFolderFilesFailCleanlyOrLoad() throws IOException {
        Random random = new Random(SEED);
        fuzzHeaders(random);
        fuzzTemplates(random);
        fuzzTokenizerFiles(random);
        assertTrue(failures.isEmpty(), failures.size() + " unclean cases (seed " + SEED + "):\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private void check(String what, Runnable work, Class<?>... clean) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Throwable e) {
            Throwable seen = e instanceof Wrapped w ? w.getCause() : e;
            boolean isClean = false;
            for (Class<?> type : clean) {
                isClean |= type.isInstance(seen);
            }
            if (!isClean) {
                failures.add(what + ": " + seen);
            }
        }
        long took = System.nanoTime() - start;
        if (took > CASE_BOUND_NANOS) {
            failures.add(what + ": took " + took / 1_000_000 + " ms");
        }
    }

    /** Carries a checked exception out of a Runnable. */
    private static final class Wrapped extends RuntimeException {
        Wrapped(Throwable cause) {
            super(cause);
        }
    }

    // ---- safetensors headers ----

    private void fuzzHeaders(Random random) throws IOException {
        Path base = dir.resolve("base.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("model.embed_tokens.weight", new TensorData(TensorDataType.F32, new long[]{4, 3}, values(12, random)));
        tensors.put("model.norm.weight", new TensorData(TensorDataType.BF16, new long[]{3}, values(3, random)));
        tensors.put("lm_head.weight", new TensorData(TensorDataType.F16, new long[]{4, 3}, values(12, random)));
        SafetensorsWriter.write(base, tensors);
        byte[] file = Files.readAllBytes(base);
        int headerLength = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(file, 8, headerLength, StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOfRange(file, 8 + headerLength, file.length);
        Path folder = Files.createDirectories(dir.resolve("checkpoint"));
        Path target = folder.resolve("model.safetensors");
        for (int n = 0; n < HEADERS; n++) {
            byte[] mutatedHeader = mutateText(header, random, NUMBERS).getBytes(StandardCharsets.UTF_8);
            long declared = mutatedHeader.length;
            byte[] mutatedData = data;
            switch (random.nextInt(6)) {
                case 0 -> declared += random.nextInt(17) - 8;
                case 1 -> mutatedData = java.util.Arrays.copyOf(data, Math.max(0, data.length - 1 - random.nextInt(8)));
                case 2 -> mutatedData = java.util.Arrays.copyOf(data, data.length + 1 + random.nextInt(8));
                case 3 -> declared = random.nextBoolean() ? -1 : Long.MAX_VALUE;
                default -> { }
            }
            ByteBuffer out = ByteBuffer.allocate(8 + mutatedHeader.length + mutatedData.length).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(declared).put(mutatedHeader).put(mutatedData);
            Files.write(target, out.array());
            int index = n;
            check("header case " + index, () -> {
                try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder, 64)) {
                    for (String name : checkpoint.tensorNames()) {
                        checkpoint.readFloat32(name);
                    }
                }
            }, ModelLoadException.class);
        }
    }

    private static float[] values(int count, Random random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float) random.nextGaussian();
        return values;
    }

    /** One to three edits: a byte of structure swapped, a number replaced, a span deleted or repeated. */
    private static String mutateText(String text, Random random, String[] replacements) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !out.isEmpty(); e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.setCharAt(at, (char) NASTY[random.nextInt(NASTY.length)]);
                case 1 -> out.insert(at, replacements[random.nextInt(replacements.length)]);
                case 2 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(12)));
                default -> {
                    int end = Math.min(out.length(), at + 1 + random.nextInt(40));
                    out.insert(end, out.substring(at, end));
                }
            }
        }
        return out.toString();
    }

    // ---- chat templates ----

    private void fuzzTemplates(Random random) throws IOException {
        List<String> sources = new ArrayList<>();
        if (Files.isDirectory(TEMPLATES_DIR)) {
            try (Stream<Path> files = Files.list(TEMPLATES_DIR)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jinja")).sorted().toList()) {
                    sources.add(Files.readString(file));
                }
            }
        }
        sources.add(ChatTemplate.r1Fallback().source());
        List<ChatTurn> conversation = List.of(ChatTurn.system("Be brief."), ChatTurn.user("2+2?"),
                ChatTurn.assistant("<think>add</think>4"), ChatTurn.user("and 3+3?"));
        for (int n = 0; n < TEMPLATES; n++) {
            String source = mutateText(sources.get(random.nextInt(sources.size())), random, TEMPLATE_SNIPPETS);
            check("template case " + n, () -> ChatTemplate.of(source, "<s>", "</s>", "fuzz.jinja")
                    .render(conversation, true, Map.of()), IllegalArgumentException.class);
        }
    }

    // ---- tokenizer_config.json and tokenizer.json ----

    private void fuzzTokenizerFiles(Random random) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("text"));
        for (String name : List.of("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(BUNDLED.resolve(name), folder.resolve(name));
        }
        String tokenizer = Files.readString(BUNDLED.resolve("tokenizer.json"));
        String settings = Files.readString(BUNDLED.resolve("tokenizer_config.json"));
        List<ChatTurn> conversation = List.of(ChatTurn.user("Hello <｜User｜> there"));
        for (int n = 0; n < TOKENIZER_FILES; n++) {
            boolean mutateTokenizer = random.nextBoolean();
            Files.writeString(folder.resolve("tokenizer.json"),
                    mutateTokenizer ? mutateTokenizerJson(tokenizer, random) : tokenizer);
            Files.writeString(folder.resolve("tokenizer_config.json"),
                    mutateTokenizer ? settings : mutateText(settings, random, NUMBERS));
            check("tokenizer case " + n, () -> {
                try (ModelText text = ModelSource.at(folder).loadText()) {
                    text.codec().encodeConversation(conversation);
                } catch (ModelFolderException e) {
                    throw new Wrapped(e);
                }
            }, ModelFolderException.class, IllegalArgumentException.class);
        }
    }

    /**
     * Edits that keep the file JSON but change what it says (ids, contents, the added-token list), or plain
     * text edits outside the pre-tokenizer's patterns (which the native library must never see unchecked).
     */
    private static String mutateTokenizerJson(String json, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> json.replaceFirst("\"id\": ?\\d+", "\"id\": " + random.nextInt(1100));
            case 1 -> json.replaceFirst("\"content\": ?\"[^\"]*\"", "\"content\": \"" + "<｜User｜>" + "\"");
            case 2 -> json.replaceFirst("\"" + (char) ('a' + random.nextInt(26)) + "\": ?\\d+",
                    "\"" + (char) ('a' + random.nextInt(26)) + "\": " + random.nextInt(1100));
            default -> {
                int cut = json.indexOf("\"model\"");
                String head = json.substring(0, cut);
                yield mutateText(head, random, NUMBERS) + json.substring(cut);
            }
        };
    }
}

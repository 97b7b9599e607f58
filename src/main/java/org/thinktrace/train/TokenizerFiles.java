package org.thinktrace.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained {@link BpeModel} as a HuggingFace {@code tokenizer.json} (byte-level BPE laid out
 * like Qwen2 / R1-Distill-Qwen: NFC, the Qwen2 split regex, ByteLevel pre-tokenizer and decoder, a
 * BOS-adding post-processor, the R1 added tokens) and a {@code tokenizer_config.json} carrying the
 * official R1-Distill chat template, so the bundled model loads through the same code path as real
 * R1 checkpoints.
 */
public final class TokenizerFiles {

    static final String CHAT_TEMPLATE_RESOURCE = "r1-distill-chat-template.jinja";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenizerFiles() {
    }

    /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir} (created if needed). */
    public static void write(Path dir, BpeModel bpe, int modelMaxLength) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizerJson(bpe));
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokenizerConfig(modelMaxLength));
    }

    /** The official R1-Distill chat template text. */
    public static String chatTemplate() {
        try (InputStream in = TokenizerFiles.class.getResourceAsStream(CHAT_TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + CHAT_TEMPLATE_RESOURCE + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CHAT_TEMPLATE_RESOURCE, e);
        }
    }

    private static Map<String, Object> tokenizerJson(BpeModel bpe) {
        int bpeSize = bpe.vocab().size();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        List<Object> added = new ArrayList<>();
        for (R1SpecialToken t : R1SpecialToken.values()) {
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("id", t.id(bpeSize));
            token.put("content", t.content());
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", t.special());
            added.add(token);
        }
        root.put("added_tokens", added);
        root.put("normalizer", Map.of("type", "NFC"));
        root.put("pre_tokenizer", Map.of("type", "Sequence", "pretokenizers", List.of(
                ordered("type", "Split", "pattern", Map.of("Regex", Qwen2PreTokenizer.PATTERN),
                        "behavior", "Isolated", "invert", false),
                byteLevel())));
        root.put("post_processor", bosPostProcessor(bpeSize));
        root.put("decoder", byteLevel());
        root.put("model", model(bpe));
        return root;
    }

    private static Map<String, Object> byteLevel() {
        return ordered("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", false, "use_regex", false);
    }

    private static Map<String, Object> bosPostProcessor(int bpeSize) {
        String bos = R1SpecialToken.BEGIN_OF_SENTENCE.content();
        Map<String, Object> bosPiece = Map.of("SpecialToken", ordered("id", bos, "type_id", 0));
        return ordered(
                "type", "TemplateProcessing",
                "single", List.of(bosPiece, Map.of("Sequence", ordered("id", "A", "type_id", 0))),
                "pair", List.of(bosPiece, Map.of("Sequence", ordered("id", "A", "type_id", 0)),
                        Map.of("SpecialToken", ordered("id", bos, "type_id", 1)),
                        Map.of("Sequence", ordered("id", "B", "type_id", 1))),
                "special_tokens", Map.of(bos, ordered("id", bos,
                        "ids", List.of(R1SpecialToken.BEGIN_OF_SENTENCE.id(bpeSize)), "tokens", List.of(bos))));
    }

    private static Map<String, Object> model(BpeModel bpe) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < bpe.vocab().size(); i++) {
            vocab.put(bpe.vocab().get(i), i);
        }
        List<String> merges = bpe.merges().stream().map(m -> m.left() + " " + m.right()).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        return model;
    }

    private static Map<String, Object> tokenizerConfig(int modelMaxLength) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("add_bos_token", true);
        config.put("add_eos_token", false);
        config.put("bos_token", addedTokenConfig(R1SpecialToken.BEGIN_OF_SENTENCE));
        config.put("clean_up_tokenization_spaces", false);
        config.put("eos_token", addedTokenConfig(R1SpecialToken.END_OF_SENTENCE));
        config.put("legacy", true);
        config.put("model_max_length", modelMaxLength);
        config.put("pad_token", addedTokenConfig(R1SpecialToken.END_OF_SENTENCE));
        config.put("sp_model_kwargs", Map.of());
        config.put("unk_token", null);
        config.put("tokenizer_class", "LlamaTokenizerFast");
        config.put("chat_template", chatTemplate());
        return config;
    }

    private static Map<String, Object> addedTokenConfig(R1SpecialToken token) {
        return ordered("__type", "AddedToken", "content", token.content(), "lstrip", false, "normalized", true,
                "rstrip", false, "single_word", false);
    }

    /** A map keeping the key order given (key, value, key, value, …). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

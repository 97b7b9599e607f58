package org.thinktrace.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A parsed HuggingFace {@code tokenizer.json}: the vocabulary (id ↔ piece), the added tokens, and the
 * variant of the file in which no added token is recognised (used to encode user text as plain text).
 */
final class TokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode root;
    private final Map<String, Integer> pieceIds = new HashMap<>();
    private final Map<String, Integer> addedTokenIds = new HashMap<>();
    private final Map<Integer, String> pieces = new HashMap<>();
    private final Set<Integer> addedIds = new HashSet<>();
    private final int vocabSize;
    private final boolean byteFallback;

    private TokenizerJson(Path file, ObjectNode root) throws IOException {
        this.file = file;
        this.root = root;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
                pieceIds.put(entry.getKey(), entry.getValue().intValue());
                pieces.put(entry.getValue().intValue(), entry.getKey());
            }
        } else if (vocab.isArray()) {
            // Unigram models list [piece, score] pairs; the id is the position.
            for (int id = 0; id < vocab.size(); id++) {
                String piece = vocab.get(id).get(0).asText();
                pieceIds.put(piece, id);
                pieces.put(id, piece);
            }
        } else {
            throw new IOException(file + ": field model.vocab is missing or not an object/list");
        }
        for (JsonNode added : root.path("added_tokens")) {
            if (!added.path("content").isTextual() || !added.path("id").isInt()) {
                throw new IOException(file + ": each added_tokens entry needs a string content and an integer id, got " + added);
            }
            addedTokenIds.put(added.get("content").textValue(), added.get("id").intValue());
            pieces.put(added.get("id").intValue(), added.get("content").textValue());
            addedIds.add(added.get("id").intValue());
        }
        byteFallback = root.path("model").path("byte_fallback").asBoolean(false);
        vocabSize = pieces.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    static TokenizerJson read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("tokenizer file not found: " + file);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new IOException(file + ": expected a JSON object at top level");
        }
        return new TokenizerJson(file, object);
    }

    Path file() {
        return file;
    }

    /** The file as it is on disk. */
    byte[] original() throws IOException {
        return Files.readAllBytes(file);
    }

    /**
     * The same tokenizer with an empty {@code added_tokens} list: the normaliser, pre-tokenizer and model
     * then see every control-token spelling as ordinary text. Unlike HF's {@code split_special_tokens},
     * which only splits tokens flagged {@code special}, this also splits non-special added tokens, which
     * R1-Distill uses for {@code <｜User｜>}, {@code <｜Assistant｜>}, {@code <think>} and {@code </think>}.
     */
    byte[] withoutAddedTokens() throws IOException {
        ObjectNode copy = root.deepCopy();
        copy.set("added_tokens", JSON.createArrayNode());
        return JSON.writeValueAsString(copy).getBytes(StandardCharsets.UTF_8);
    }

    /** The id of an added token with exactly this content. */
    Integer addedTokenId(String content) {
        return addedTokenIds.get(content);
    }

    boolean isAddedToken(int id) {
        return addedIds.contains(id);
    }

    /** The id of a model vocabulary piece, spelled as the model stores it (e.g. {@code Ġthe} for byte-level BPE). */
    Integer pieceId(String piece) {
        return pieceIds.get(piece);
    }

    /** The stored spelling of an id (vocabulary piece or added-token content), or {@code null}. */
    String piece(int id) {
        return pieces.get(id);
    }

    /**
     * Whether the id is one of the {@code <0xNN>} byte tokens of a model with {@code byte_fallback}. HF's
     * ByteFallback decoder turns a whole run of such tokens into text at once (or into one U+FFFD per byte
     * when the run is not valid UTF-8), so a run can only be decoded once it has ended.
     */
    boolean isFallbackByte(int id) {
        String piece = byteFallback ? pieces.get(id) : null;
        return piece != null && piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">");
    }

    /** One more than the highest id of the vocabulary and the added tokens. */
    int vocabSize() {
        return vocabSize;
    }

    /**
     * Whether the post-processor, applied with special tokens on, would put {@code bosToken} first:
     * the tokenizer's own rule when {@code tokenizer_config.json} says nothing about {@code add_bos_token}.
     */
    boolean postProcessorStartsWith(String bosToken) {
        if (bosToken == null) {
            return false;
        }
        return templateStartsWith(root.path("post_processor"), bosToken);
    }

    private static boolean templateStartsWith(JsonNode processor, String token) {
        if ("Sequence".equals(processor.path("type").asText())) {
            for (JsonNode inner : processor.path("processors")) {
                if (templateStartsWith(inner, token)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode single = processor.path("single");
        if (!"TemplateProcessing".equals(processor.path("type").asText()) || !(single instanceof ArrayNode) || single.isEmpty()) {
            return false;
        }
        return token.equals(single.get(0).path("SpecialToken").path("id").asText(null));
    }
}

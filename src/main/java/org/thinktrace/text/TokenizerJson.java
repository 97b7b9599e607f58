package org.thinktrace.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A HuggingFace {@code tokenizer.json}, read in one streaming pass (the merges list, the bulk of the file,
 * is skipped rather than built into a tree): the vocabulary (id ↔ piece), the added tokens, and the variant
 * of the file in which no added token is recognised (used to encode user text as plain text).
 */
final class TokenizerJson {

    private final Path file;
    private final byte[] bytes;
    private final Map<String, Integer> pieceIds = new HashMap<>();
    private final Map<String, Integer> addedTokenIds = new HashMap<>();
    private final Map<Integer, String> pieces = new HashMap<>();
    private final Set<Integer> addedIds = new HashSet<>();
    private final Map<Integer, String> vocabularyPieces = new HashMap<>();
    private boolean byteFallback;
    private boolean byteLevel;
    private JsonNode postProcessor = StrictJson.MAPPER.missingNode();
    private final List<TokenizerRegexCheck.Found> regexes = new ArrayList<>();
    private final List<JsonNode> addedTokenEntries = new ArrayList<>();
    /** Byte range of the {@code added_tokens} array value, to blank it out for the plain variant. */
    private long addedTokensStart = -1;
    private long addedTokensEnd = -1;
    private int vocabSize;

    private TokenizerJson(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    static TokenizerJson read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing or not a regular file (a model folder needs tokenizer.json,"
                    + " the vocabulary of a Hugging Face fast tokenizer)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + org.thinktrace.model.FileReadFailure.describe(e), e);
        }
        return parse(file, bytes);
    }

    /** Reads a tokenizer.json held in memory; {@code file} names it in messages (for GGUF, the GGUF file). */
    static TokenizerJson parse(Path file, byte[] bytes) throws IOException {
        TokenizerJson json = new TokenizerJson(file, bytes);
        try (JsonParser parser = StrictJson.MAPPER.createParser(json.bytes)) {
            json.parse(parser);
            if (parser.nextToken() != null) {
                throw new IOException("text follows the end of the top-level JSON object at byte "
                        + parser.currentTokenLocation().getByteOffset());
            }
        } catch (IOException e) {
            throw StrictJson.refusal(file, "not a valid tokenizer file", e);
        }
        if (json.pieceIds.isEmpty() && json.addedTokenIds.isEmpty()) {
            throw new IOException(file + ": field model.vocab is missing or empty");
        }
        json.checkAddedTokens();
        TokenizerRegexCheck.check(file, json.regexes);
        TokenizerRegexCheck.checkDecoder(file, json.regexes);
        json.vocabSize = json.pieces.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        return json;
    }

    private void parse(JsonParser parser) throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, "top level");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "added_tokens" -> {
                    expect(value, JsonToken.START_ARRAY, "added_tokens");
                    addedTokensStart = parser.currentTokenLocation().getByteOffset();
                    readAddedTokens(parser.readValueAsTree());
                    addedTokensEnd = parser.currentLocation().getByteOffset();
                }
                case "model" -> {
                    expect(value, JsonToken.START_OBJECT, "model");
                    readModel(parser);
                }
                case "decoder" -> {
                    JsonNode decoder = parser.readValueAsTree();
                    byteLevel = decoder.toString().contains("\"ByteLevel\"");
                    collectRegexes(field, decoder);
                }
                case "post_processor" -> {
                    postProcessor = parser.readValueAsTree();
                    collectRegexes(field, postProcessor);
                }
                case "normalizer", "pre_tokenizer" -> collectRegexes(field, parser.readValueAsTree());
                default -> parser.skipChildren();
            }
        }
    }

    /** Every {@code "pattern": {"Regex": …}} under a component, with its JSON path. */
    private void collectRegexes(String path, JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            JsonNode regex = node.path("pattern").path("Regex");
            if (regex.isTextual()) {
                regexes.add(new TokenizerRegexCheck.Found(path + ".pattern.Regex", regex.textValue()));
            }
            node.properties().forEach(entry -> collectRegexes(path + "." + entry.getKey(), entry.getValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRegexes(path + "[" + i + "]", node.get(i));
            }
        }
    }

    /**
     * Added tokens must name distinct ids and texts, and agree with the vocabulary: a token the vocabulary also
     * has keeps the vocabulary's id, and an added id is not a different vocabulary piece's. Otherwise the native
     * tokenizer quietly encodes a control token as text or as another token.
     */
    private void checkAddedTokens() throws IOException {
        Map<Integer, String> byId = new HashMap<>();
        Map<String, Integer> byContent = new HashMap<>();
        for (JsonNode added : addedTokenEntries) {
            int id = added.get("id").intValue();
            String content = added.get("content").textValue();
            String other = byId.putIfAbsent(id, content);
            if (other != null) {
                throw new IOException(file + ": added_tokens give id " + id + " to both '" + other + "' and '" + content + "'");
            }
            Integer otherId = byContent.putIfAbsent(content, id);
            if (otherId != null) {
                throw new IOException(file + ": added_tokens list '" + content + "' twice, with ids " + otherId + " and " + id);
            }
            if (id < 0) {
                throw new IOException(file + ": added token '" + content + "' has the negative id " + id);
            }
            Integer vocabularyId = pieceIds.get(content);
            if (vocabularyId != null && vocabularyId != id) {
                throw new IOException(file + ": added token '" + content + "' has id " + id + " but model.vocab gives it id "
                        + vocabularyId);
            }
            String piece = vocabularyPieces.get(id);
            if (piece != null && !piece.equals(content)) {
                throw new IOException(file + ": added token '" + content + "' has id " + id + ", which model.vocab gives to '"
                        + piece + "'");
            }
        }
    }

    private void readAddedTokens(JsonNode addedTokens) throws IOException {
        if (!(addedTokens instanceof ArrayNode)) {
            throw new IOException(file + ": added_tokens must be a list");
        }
        for (JsonNode added : addedTokens) {
            if (!added.path("content").isTextual() || !added.path("id").isInt()) {
                throw new IOException(file + ": each added_tokens entry needs a string content and an integer id, got " + added);
            }
            addedTokenEntries.add(added);
            int id = added.get("id").intValue();
            addedTokenIds.put(added.get("content").textValue(), id);
            pieces.put(id, added.get("content").textValue());
            addedIds.add(id);
        }
    }

    private void readModel(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("vocab") && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String piece = parser.currentName();
                    parser.nextToken();
                    putPiece(piece, parser.getIntValue());
                }
            } else if (field.equals("vocab") && value == JsonToken.START_ARRAY) {
                // Unigram models list [piece, score] pairs; the id is the position.
                int id = 0;
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    parser.nextToken();
                    putPiece(parser.getText(), id++);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                    }
                }
            } else if (field.equals("byte_fallback")) {
                byteFallback = value == JsonToken.VALUE_TRUE;
            } else {
                parser.skipChildren();
            }
        }
    }

    private void putPiece(String piece, int id) {
        pieceIds.put(piece, id);
        pieces.putIfAbsent(id, piece);
        vocabularyPieces.putIfAbsent(id, piece);
    }

    private void expect(JsonToken actual, JsonToken expected, String where) throws IOException {
        if (actual != expected) {
            throw new IOException(file + ": expected " + expected + " at " + where + ", found " + actual);
        }
    }

    Path file() {
        return file;
    }

    /** Whether all its regular expressions are the official tokenizers' (see {@link TokenizerRegexCheck#KNOWN_GOOD}). */
    boolean regexesKnownGood() {
        return TokenizerRegexCheck.isKnownGood(regexes);
    }

    /** The file as it is on disk. */
    byte[] original() {
        return bytes.clone();
    }

    /**
     * The same tokenizer with an empty {@code added_tokens} list: the normaliser, pre-tokenizer and model
     * then see every control-token spelling as ordinary text. Unlike HF's {@code split_special_tokens},
     * which only splits tokens flagged {@code special}, this also splits non-special added tokens, which
     * R1-Distill uses for {@code <｜User｜>}, {@code <｜Assistant｜>}, {@code <think>} and {@code </think>}.
     */
    byte[] withoutAddedTokens() {
        if (addedTokensStart < 0) {
            return original();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        out.write(bytes, 0, (int) addedTokensStart);
        out.writeBytes(new byte[]{'[', ']'});
        out.write(bytes, (int) addedTokensEnd, bytes.length - (int) addedTokensEnd);
        return out.toByteArray();
    }

    /** The id of an added token with exactly this content. */
    Integer addedTokenId(String content) {
        return addedTokenIds.get(content);
    }

    /** The added tokens' texts, in id order. */
    List<String> addedTokens() {
        return addedIds.stream().sorted().map(pieces::get).toList();
    }

    boolean isAddedToken(int id) {
        return addedIds.contains(id);
    }

    /** The id of a model vocabulary piece, spelled as the model stores it (e.g. {@code Ġthe} for byte-level BPE). */
    Integer pieceId(String piece) {
        return pieceIds.get(piece);
    }

    /** The stored spelling of an id (added-token content or vocabulary piece), or {@code null}. */
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

    /**
     * The raw bytes of a vocabulary token when the file says how to get them: byte-level BPE pieces through
     * GPT-2's alphabet, byte-fallback tokens {@code <0xNN>} as their byte. {@code null} otherwise.
     */
    byte[] pieceBytes(int id) {
        String piece = pieces.get(id);
        if (piece == null || addedIds.contains(id)) {
            return null;
        }
        if (isFallbackByte(id)) {
            return new byte[]{(byte) Integer.parseInt(piece.substring(3, 5), 16)};
        }
        return byteLevel ? ByteLevelAlphabet.bytesOf(piece) : null;
    }

    /**
     * Checks the ids against {@code vocabSize}, {@code config.json}'s {@code vocab_size} (a larger one, padded rows,
     * is fine). A vocabulary piece, or a {@code needed} token (BOS, EOS), at or beyond it is refused: ordinary text
     * or every prompt would reach a token the model has no embedding row for.
     *
     * @return the added tokens beyond it, described, which only a prompt holding them would reach
     */
    List<String> requireIdsBelow(int vocabSize, java.util.Collection<String> needed) throws IOException {
        List<String> beyond = new ArrayList<>();
        List<Integer> ids = pieces.keySet().stream().filter(id -> id >= vocabSize).sorted().toList();
        for (int id : ids) {
            String piece = pieces.get(id);
            String what = (addedIds.contains(id) ? "added token '" : "token '") + piece + "' has id " + id
                    + " but config.json has vocab_size " + vocabSize;
            if (!addedIds.contains(id) || needed.contains(piece)) {
                throw new IOException(file + ": " + what + ", so the model has no embedding row for it");
            }
            beyond.add(what);
        }
        return beyond;
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
        return bosToken != null && templateStartsWith(postProcessor, bosToken);
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

package org.thinktrace.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a Hugging Face {@code tokenizer.json} from a GGUF file's tokenizer metadata ({@link GgufVocabulary}),
 * for the byte-level BPE tokenizers ({@code tokenizer.ggml.model} {@code gpt2}) of Qwen2, Qwen3 and Llama 3,
 * so that DJL's tokenizer encodes exactly as the official tokenizer the file was converted from.
 *
 * <p>Normal tokens become {@code model.vocab}, control tokens (type 3) added tokens flagged {@code special},
 * user-defined tokens (type 4, such as {@code <think>}) added tokens that are not; unused tokens (type 5, the
 * {@code [PAD…]} fillers the converter adds up to the embedding size) are left out. The GGUF stores only the
 * pre-tokenizer's name ({@code tokenizer.ggml.pre}); each known name maps to its family's normalizer, split
 * pattern and merge rule exactly as that family's official {@code tokenizer.json} has them, and an unknown name
 * is refused naming the value. The JSON is built in memory; no file is written.
 */
public final class GgufTokenizerJson {

    /** What a pre-tokenizer name stands for in the official tokenizer.json of its family. */
    private record PreTokenizer(String splitPattern, boolean nfc, boolean trimOffsets, boolean ignoreMerges) { }

    private static final PreTokenizer QWEN2 = new PreTokenizer(TokenizerRegexCheck.QWEN2_SPLIT, true, false, false);
    private static final PreTokenizer LLAMA3 = new PreTokenizer(TokenizerRegexCheck.LLAMA3_SPLIT, false, true, true);

    /** The names llama.cpp's converter writes for the families ThinkTrace runs. */
    private static final Map<String, PreTokenizer> KNOWN = Map.of(
            "qwen2", QWEN2,                 // Qwen2, Qwen2.5, Qwen3
            "deepseek-r1-qwen", QWEN2,      // DeepSeek-R1-Distill-Qwen
            "llama-bpe", LLAMA3);           // Llama 3, 3.1, 3.2 and DeepSeek-R1-Distill-Llama

    private GgufTokenizerJson() {
    }

    /**
     * The tokenizer.json equivalent to {@code vocabulary}, as UTF-8 bytes.
     *
     * @param file the GGUF file, named in messages
     * @throws IOException naming the file and the metadata key when the vocabulary cannot be rebuilt
     */
    public static byte[] build(Path file, GgufVocabulary vocabulary) throws IOException {
        if (!"gpt2".equals(vocabulary.model())) {
            throw new IOException(file + ": tokenizer.ggml.model is '" + vocabulary.model() + "'; ThinkTrace reads"
                    + " byte-level BPE tokenizers ('gpt2': Qwen2, Qwen3, Llama 3) from GGUF files");
        }
        PreTokenizer pre = KNOWN.get(vocabulary.pre());
        if (pre == null) {
            throw new IOException(file + ": tokenizer.ggml.pre is '" + vocabulary.pre() + "', a pre-tokenizer"
                    + " ThinkTrace does not know; it knows " + String.join(", ", KNOWN.keySet().stream().sorted().toList())
                    + ". Use the model's Hugging Face folder instead");
        }
        if (vocabulary.tokenTypes().size() != vocabulary.tokens().size()) {
            throw new IOException(file + ": tokenizer.ggml.token_type has " + vocabulary.tokenTypes().size()
                    + " entries but tokenizer.ggml.tokens has " + vocabulary.tokens().size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(vocabulary.tokens().size() * 40);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", "1.0");
            json.writeNullField("truncation");
            json.writeNullField("padding");
            writeAddedTokens(json, vocabulary);
            json.writeFieldName("normalizer");
            if (pre.nfc()) {
                json.writeStartObject();
                json.writeStringField("type", "NFC");
                json.writeEndObject();
            } else {
                json.writeNull();
            }
            writePreTokenizer(json, pre);
            json.writeFieldName("post_processor");
            writeByteLevel(json, false);
            json.writeFieldName("decoder");
            writeByteLevel(json, false);
            writeModel(file, json, vocabulary, pre);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeAddedTokens(JsonGenerator json, GgufVocabulary vocabulary) throws IOException {
        json.writeArrayFieldStart("added_tokens");
        List<String> tokens = vocabulary.tokens();
        for (int id = 0; id < tokens.size(); id++) {
            int type = vocabulary.tokenTypes().get(id);
            if (type != GgufVocabulary.CONTROL && type != GgufVocabulary.USER_DEFINED) continue;
            json.writeStartObject();
            json.writeNumberField("id", id);
            json.writeStringField("content", tokens.get(id));
            json.writeBooleanField("single_word", false);
            json.writeBooleanField("lstrip", false);
            json.writeBooleanField("rstrip", false);
            json.writeBooleanField("normalized", false);
            json.writeBooleanField("special", type == GgufVocabulary.CONTROL);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writePreTokenizer(JsonGenerator json, PreTokenizer pre) throws IOException {
        json.writeObjectFieldStart("pre_tokenizer");
        json.writeStringField("type", "Sequence");
        json.writeArrayFieldStart("pretokenizers");
        json.writeStartObject();
        json.writeStringField("type", "Split");
        json.writeObjectFieldStart("pattern");
        json.writeStringField("Regex", pre.splitPattern());
        json.writeEndObject();
        json.writeStringField("behavior", "Isolated");
        json.writeBooleanField("invert", false);
        json.writeEndObject();
        writeByteLevel(json, pre.trimOffsets());
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeByteLevel(JsonGenerator json, boolean trimOffsets) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "ByteLevel");
        json.writeBooleanField("add_prefix_space", false);
        json.writeBooleanField("trim_offsets", trimOffsets);
        json.writeBooleanField("use_regex", false);
        json.writeEndObject();
    }

    private static void writeModel(Path file, JsonGenerator json, GgufVocabulary vocabulary, PreTokenizer pre)
            throws IOException {
        json.writeObjectFieldStart("model");
        json.writeStringField("type", "BPE");
        json.writeNullField("dropout");
        json.writeNullField("unk_token");
        json.writeStringField("continuing_subword_prefix", "");
        json.writeStringField("end_of_word_suffix", "");
        json.writeBooleanField("fuse_unk", false);
        json.writeBooleanField("byte_fallback", false);
        json.writeBooleanField("ignore_merges", pre.ignoreMerges());
        json.writeObjectFieldStart("vocab");
        List<String> tokens = vocabulary.tokens();
        Map<String, Integer> firstIds = new HashMap<>(tokens.size() * 2);
        for (int id = 0; id < tokens.size(); id++) {
            int type = vocabulary.tokenTypes().get(id);
            if (type == GgufVocabulary.NORMAL || type == GgufVocabulary.BYTE || type == GgufVocabulary.UNKNOWN) {
                Integer first = firstIds.putIfAbsent(tokens.get(id), id);
                if (first != null) {
                    throw new IOException(file + ": tokenizer.ggml.tokens[" + id + "] is '" + tokens.get(id)
                            + "', the text of tokenizer.ggml.tokens[" + first + "] too: a vocabulary token must be unique");
                }
                json.writeNumberField(tokens.get(id), id);
            }
        }
        json.writeEndObject();
        json.writeArrayFieldStart("merges");
        for (int i = 0; i < vocabulary.merges().size(); i++) {
            String merge = vocabulary.merges().get(i);
            int space = merge.indexOf(' ');
            if (space <= 0 || space == merge.length() - 1 || merge.indexOf(' ', space + 1) >= 0) {
                throw new IOException(file + ": tokenizer.ggml.merges[" + i + "] is '" + merge
                        + "', not two tokens separated by one space");
            }
            json.writeString(merge);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}

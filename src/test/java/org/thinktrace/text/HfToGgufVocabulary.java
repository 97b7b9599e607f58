package org.thinktrace.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Hugging Face tokenizer folder into GGUF tokenizer metadata the way llama.cpp's
 * {@code convert_hf_to_gguf.py} does ({@code get_vocab_base}, {@code SpecialVocab}): every id below the
 * vocabulary size in order, {@code [PADn]} of type UNUSED for ids with no token, added tokens CONTROL when
 * flagged special or when they look special ({@code <|…|>}, {@code <｜…｜>}), else USER_DEFINED, the rest
 * NORMAL; merges as {@code "a b"}; BOS/EOS ids from {@code tokenizer_config.json}'s token texts and
 * {@code add_bos_token} from it or, when it is silent, from the post-processor's template. A test reference,
 * independent of the production code that reads the result back.
 */
public final class HfToGgufVocabulary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HfToGgufVocabulary() {
    }

    /**
     * @param folder    holds tokenizer.json and tokenizer_config.json
     * @param pre       the {@code tokenizer.ggml.pre} name the converter would detect for this tokenizer
     * @param vocabSize the model's {@code vocab_size} (the embedding rows), at least the tokenizer's size
     */
    public static GgufVocabulary convert(Path folder, String pre, int vocabSize) throws IOException {
        JsonNode tokenizer = JSON.readTree(folder.resolve("tokenizer.json").toFile());
        Map<Integer, String> byId = new HashMap<>();
        tokenizer.path("model").path("vocab").properties().forEach(e -> byId.put(e.getValue().intValue(), e.getKey()));
        Map<Integer, JsonNode> added = new HashMap<>();
        for (JsonNode token : tokenizer.path("added_tokens")) {
            byId.put(token.get("id").intValue(), token.get("content").textValue());
            added.put(token.get("id").intValue(), token);
        }
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int id = 0; id < vocabSize; id++) {
            String text = byId.get(id);
            if (text == null) {
                tokens.add("[PAD" + id + "]");
                types.add(GgufVocabulary.UNUSED);
            } else if (added.containsKey(id)) {
                tokens.add(text);
                boolean special = added.get(id).path("special").asBoolean() || looksSpecial(text);
                types.add(special ? GgufVocabulary.CONTROL : GgufVocabulary.USER_DEFINED);
            } else {
                tokens.add(text);
                types.add(GgufVocabulary.NORMAL);
            }
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode merge : tokenizer.path("model").path("merges")) {
            merges.add(merge.isArray() ? merge.get(0).textValue() + " " + merge.get(1).textValue() : merge.textValue());
        }
        JsonNode config = JSON.readTree(folder.resolve("tokenizer_config.json").toFile());
        String bos = tokenText(config.get("bos_token"));
        String eos = tokenText(config.get("eos_token"));
        Boolean addBos = config.path("add_bos_token").isBoolean() ? config.get("add_bos_token").booleanValue()
                : bos == null ? null : templateStartsWith(tokenizer.path("post_processor"), bos);
        return new GgufVocabulary("gpt2", pre, tokens, types, merges, idOf(tokens, bos), idOf(tokens, eos), addBos);
    }

    /** convert_hf_to_gguf.py's {@code does_token_look_special}, for the families here. */
    private static boolean looksSpecial(String text) {
        return (text.startsWith("<|") && text.endsWith("|>")) || (text.startsWith("<｜") && text.endsWith("｜>"));
    }

    private static String tokenText(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return node.isTextual() ? node.textValue() : node.path("content").textValue();
    }

    private static Integer idOf(List<String> tokens, String text) {
        int id = text == null ? -1 : tokens.indexOf(text);
        return id < 0 ? null : id;
    }

    private static boolean templateStartsWith(JsonNode processor, String bos) {
        if ("TemplateProcessing".equals(processor.path("type").textValue())) {
            return bos.equals(processor.path("single").path(0).path("SpecialToken").path("id").textValue());
        }
        for (JsonNode inner : processor.path("processors")) {
            if (templateStartsWith(inner, bos)) return true;
        }
        return false;
    }

    /** The chat template of {@code tokenizer_config.json} (the converter's {@code tokenizer.chat_template}). */
    public static String chatTemplate(Path folder) throws IOException {
        return JSON.readTree(Files.readString(folder.resolve("tokenizer_config.json"))).path("chat_template").textValue();
    }
}

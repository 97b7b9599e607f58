package org.thinktrace.text;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a model folder's {@code tokenizer_config.json} (and, when present, {@code generation_config.json})
 * says about special tokens and the chat template.
 *
 * @param bosToken     text of the beginning-of-sequence token, or {@code null} when the model has none
 * @param eosToken     text of the end-of-sequence token, or {@code null}
 * @param addBosToken  whether an encoded prompt starts with BOS; {@code null} when the config does not say
 *                     (the tokenizer then follows its post-processor)
 * @param chatTemplate the default Jinja chat template, if any
 * @param extraEosIds  further ids that end generation, from {@code generation_config.json} {@code eos_token_id}
 */
public record TokenizerSettings(String bosToken, String eosToken, Boolean addBosToken,
                                Optional<String> chatTemplate, List<Integer> extraEosIds) {

    public TokenizerSettings {
        chatTemplate = chatTemplate == null ? Optional.empty() : chatTemplate;
        extraEosIds = List.copyOf(extraEosIds);
    }

    /**
     * Reads {@code tokenizer_config.json} (optional: a folder without one gets no BOS/EOS text and no
     * template) and {@code generation_config.json} (optional) from {@code folder}.
     *
     * @throws IOException when a file exists but is not valid JSON of the expected shape; the message names it
     */
    public static TokenizerSettings read(Path folder) throws IOException {
        return read(folder, generationEosIds(folder));
    }

    /**
     * Reads {@code tokenizer_config.json} (optional) from {@code folder}, with the ids that end generation
     * besides its EOS token given by the caller (who has read {@code generation_config.json} already).
     *
     * @throws IOException when the file exists but is not valid JSON of the expected shape; the message names it
     */
    public static TokenizerSettings read(Path folder, List<Integer> extraEosIds) throws IOException {
        Path configFile = folder.resolve("tokenizer_config.json");
        String bos = null;
        String eos = null;
        Boolean addBos = null;
        Optional<String> template = Optional.empty();
        if (Files.isRegularFile(configFile)) {
            JsonNode config = StrictJson.readTree(configFile);
            bos = tokenText(config.get("bos_token"), configFile, "bos_token");
            eos = tokenText(config.get("eos_token"), configFile, "eos_token");
            JsonNode add = config.get("add_bos_token");
            if (add != null && !add.isNull()) {
                if (!add.isBoolean()) {
                    throw new IOException(configFile + ": field add_bos_token must be true or false, got " + add);
                }
                addBos = add.booleanValue();
            }
            template = defaultTemplate(config.get("chat_template"), configFile);
        }
        return new TokenizerSettings(bos, eos, addBos, template, extraEosIds);
    }

    /** A special token is written either as a plain string or as an AddedToken object {@code {content: ...}}. */
    private static String tokenText(JsonNode node, Path file, String field) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isObject() && node.path("content").isTextual()) {
            return node.get("content").textValue();
        }
        throw new IOException(file + ": field " + field + " must be a string or an object with \"content\", got " + node);
    }

    /**
     * {@code chat_template} is either one template or a list of {@code {name, template}} entries, of which
     * the one named {@code default} is the chat template (HF's rule).
     */
    private static Optional<String> defaultTemplate(JsonNode node, Path file) throws IOException {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (node.isArray()) {
            List<String> names = new ArrayList<>();
            for (JsonNode entry : node) {
                String name = entry.path("name").asText();
                if ("default".equals(name)) {
                    if (!entry.path("template").isTextual()) {
                        throw new IOException(file + ": field chat_template: the template named \"default\" is not a string");
                    }
                    return Optional.of(entry.get("template").textValue());
                }
                if (names.size() < 5) {
                    names.add(name.length() > 60 ? name.substring(0, 60) + "…" : name);
                }
            }
            // Hugging Face refuses such a folder ("multiple chat templates with no default specified"); taking
            // none would render this model's prompts with the R1 fallback template instead of its own.
            throw new IOException(file + ": field chat_template lists " + node.size() + " templates, named " + names
                    + (node.size() > names.size() ? " …" : "") + ", but none named \"default\", so which one is the chat template is not said");
        }
        throw new IOException(file + ": field chat_template must be a string or a list of named templates");
    }

    private static List<Integer> generationEosIds(Path folder) throws IOException {
        Path file = folder.resolve("generation_config.json");
        List<Integer> ids = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return ids;
        }
        JsonNode eos = StrictJson.readTree(file).get("eos_token_id");
        if (eos == null || eos.isNull()) {
            return ids;
        }
        if (eos.isInt()) {
            ids.add(eos.intValue());
        } else if (eos.isArray()) {
            for (JsonNode id : eos) {
                if (!id.isInt()) {
                    throw new IOException(file + ": eos_token_id entries must be integers, got " + id);
                }
                ids.add(id.intValue());
            }
        } else {
            throw new IOException(file + ": eos_token_id must be an integer or a list of integers, got " + eos);
        }
        return ids;
    }
}

package org.thinktrace.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.model.CheckpointException;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.GgufArray;
import org.thinktrace.model.GgufFile;
import org.thinktrace.model.GgufMetadata;
import org.thinktrace.model.GgufModelConfig;
import org.thinktrace.model.GgufValueType;
import org.thinktrace.model.GgufWeightPrecision;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelLoadException;
import org.thinktrace.model.SafetensorsCheckpoint;
import org.thinktrace.text.ChatTemplate;
import org.thinktrace.text.GgufVocabulary;
import org.thinktrace.text.ModelTokenizer;

/**
 * A single GGUF file (as LM Studio and Ollama users have them) as a {@link ModelSource}: the model's shapes from
 * its {@code <arch>.*} metadata ({@link GgufModelConfig}), the tokenizer from {@code tokenizer.ggml.*}
 * ({@link GgufVocabulary}), the chat template from {@code tokenizer.chat_template}, and the weights from its
 * tensors ({@link SafetensorsCheckpoint#ofGguf}), quantized ones converted at load
 * ({@link GgufWeightPrecision}). The header is read once per call; the file is the only weight file (and what
 * {@link WeightsHash} hashes).
 *
 * <p>Every problem (a missing or mistyped metadata key, an unknown pre-tokenizer, a tensor that does not fit
 * the shapes) is a {@link ModelFolderException} naming the file and the key or tensor.
 */
public final class GgufModelFile implements ModelSource {

    private static final Logger LOG = LoggerFactory.getLogger(GgufModelFile.class);
    static final String CHAT_TEMPLATE_KEY = "tokenizer.chat_template";

    private final Path file;

    GgufModelFile(Path file) {
        this.file = file;
    }

    /** Whether {@code path} is a regular file whose name ends in {@code .gguf} (any case). */
    public static boolean isGgufFile(Path path) {
        return GgufFile.isGgufPath(path);
    }

    @Override
    public Path path() {
        return file;
    }

    @Override
    public ModelText loadText() throws ModelFolderException {
        GgufFile gguf = readHeader();
        return text(gguf, config(gguf));
    }

    @Override
    public LoadedModel load(LoadOptions options, LoadProgress progress) throws ModelFolderException {
        progress.update(LoadProgress.Stage.CHECKING, 0, 0);
        GgufFile gguf = readHeader();
        ModelConfig config = config(gguf);
        checkInterrupt();
        progress.update(LoadProgress.Stage.TOKENIZER, 0, 0);
        ModelText text = text(gguf, config);
        try {
            checkInterrupt();
            ComputePrecision requested = options.precision().isAuto()
                    ? GgufWeightPrecision.auto(gguf, config) : options.precision().resolve(config);
            GgufWeightPrecision choice = GgufWeightPrecision.choose(gguf, requested);
            if (!choice.note().isEmpty()) {
                LOG.info("{}: {}", file, choice.note());
            }
            DjlRuntime runtime = DjlRuntime.start(options.runtime().fittedTo(config).withCpuPrecision(choice.precision()));
            Decoder decoder;
            try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(gguf, config)) {
                decoder = Decoder.load(config, checkpoint, runtime.settings(), options.contextLimit(), progress);
            } catch (ModelLoadException e) {
                throw problem(e);
            }
            Generator generator;
            try {
                String device = runtime.describe() + (choice.note().isEmpty() ? "" : " (" + choice.note() + ")");
                generator = new Generator(decoder, text.codec(), file.getFileName().toString(), device,
                        runtime.precision(), 0, runtime::prepareInferenceThread);
            } catch (RuntimeException | Error e) {
                decoder.close();
                throw e;
            }
            progress.update(LoadProgress.Stage.READY, 0, 0);
            return new LoadedModel(file, List.of(file), config, text, generator);
        } catch (ModelFolderException | RuntimeException | Error e) {
            text.close();
            throw e;
        }
    }

    private GgufFile readHeader() throws ModelFolderException {
        if (!Files.isRegularFile(file)) {
            throw ModelFolderException.ggufFile(file, Files.exists(file) ? "it is not a regular file"
                    : "the file does not exist", null);
        }
        try {
            return GgufFile.read(file);
        } catch (ModelLoadException e) {
            throw problem(e);
        }
    }

    private ModelConfig config(GgufFile gguf) throws ModelFolderException {
        try {
            return GgufModelConfig.read(gguf);
        } catch (ModelLoadException e) {
            throw problem(e);
        }
    }

    /** The tokenizer and chat template of the file's metadata. */
    private ModelText text(GgufFile gguf, ModelConfig config) throws ModelFolderException {
        ModelTokenizer tokenizer;
        String template;
        try {
            GgufVocabulary vocabulary = vocabulary(gguf.metadata(), config);
            template = gguf.metadata().has(CHAT_TEMPLATE_KEY) ? gguf.metadata().requireString(CHAT_TEMPLATE_KEY) : null;
            if (template == null) {
                throw ModelFolderException.ggufFile(file, "metadata key " + CHAT_TEMPLATE_KEY + " is missing: the"
                        + " file carries no chat template, and ThinkTrace takes the template from the file. Convert"
                        + " the model again with llama.cpp's convert_hf_to_gguf.py, which copies it from"
                        + " tokenizer_config.json", null);
            }
            tokenizer = ModelTokenizer.fromGguf(file, vocabulary, config.eosTokenIds());
        } catch (ModelLoadException e) {
            throw problem(e);
        } catch (IOException e) {
            throw ModelFolderException.ggufFile(file, withoutFilePrefix(e.getMessage()), e);
        }
        try {
            ChatTemplate chat = ChatTemplate.of(template, tokenizer.bosToken(), tokenizer.eosToken(),
                    file + " " + CHAT_TEMPLATE_KEY);
            return ModelText.of(tokenizer, chat, config.eosTokenIds());
        } catch (RuntimeException e) {
            tokenizer.close();
            throw ModelFolderException.ggufFile(file, "metadata key " + CHAT_TEMPLATE_KEY
                    + ": the chat template cannot be used: " + e.getMessage(), e);
        }
    }

    /** The {@code tokenizer.ggml.*} keys, checked against each other and the embedding rows. */
    private GgufVocabulary vocabulary(GgufMetadata m, ModelConfig config) throws IOException {
        List<String> tokens = strings(m, "tokenizer.ggml.tokens");
        if (tokens.size() > config.vocabSize()) {
            throw new IOException(file + ": tokenizer.ggml.tokens has " + tokens.size() + " tokens but"
                    + " token_embd.weight has only " + config.vocabSize() + " rows");
        }
        List<Integer> types = new ArrayList<>();
        GgufArray typeArray = m.requireArray("tokenizer.ggml.token_type");
        for (Object type : typeArray.values()) {
            if (!(type instanceof Long value)) {
                throw new IOException(file + ": tokenizer.ggml.token_type is an array of " + typeArray.elementType()
                        + ", not integers");
            }
            types.add((int) (long) value);
        }
        String model = m.requireString("tokenizer.ggml.model");
        List<String> merges = m.has("tokenizer.ggml.merges") ? strings(m, "tokenizer.ggml.merges") : List.of();
        return new GgufVocabulary(model, m.stringOr("tokenizer.ggml.pre", "default"), tokens, types, merges,
                tokenId(m, "tokenizer.ggml.bos_token_id", tokens.size()),
                tokenId(m, "tokenizer.ggml.eos_token_id", tokens.size()),
                m.has("tokenizer.ggml.add_bos_token") ? requireBoolean(m, "tokenizer.ggml.add_bos_token") : null);
    }

    private List<String> strings(GgufMetadata m, String key) throws IOException {
        GgufArray array = m.requireArray(key);
        if (array.elementType() != GgufValueType.STRING) {
            throw new IOException(file + ": " + key + " is an array of " + array.elementType() + ", not strings");
        }
        return array.values().stream().map(String.class::cast).toList();
    }

    private Integer tokenId(GgufMetadata m, String key, int tokens) throws IOException {
        if (!m.has(key)) return null;
        long id = m.requireInteger(key);
        if (id < 0 || id >= tokens) {
            throw new IOException(file + ": " + key + " is " + id + ", not one of the " + tokens
                    + " tokens of tokenizer.ggml.tokens");
        }
        return (int) id;
    }

    private Boolean requireBoolean(GgufMetadata m, String key) throws IOException {
        if (m.values().get(key) instanceof Boolean b) return b;
        throw new IOException(file + ": " + key + " is " + m.types().get(key) + ", not a boolean");
    }

    private ModelFolderException problem(ModelLoadException e) {
        return ModelFolderException.ggufFile(file, withoutFilePrefix(e.getMessage()), e);
    }

    /** {@code message} without a leading "{@code file}: " (the exception names the file already). */
    private String withoutFilePrefix(String message) {
        String prefix = file + ": ";
        String m = message == null ? "unreadable" : message;
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("model loading was cancelled");
    }
}

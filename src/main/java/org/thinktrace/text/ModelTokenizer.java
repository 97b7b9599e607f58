package org.thinktrace.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A model folder's tokenizer: DJL's HuggingFace tokenizer built from {@code tokenizer.json} (no truncation,
 * no padding, no post-processor) plus the facts of {@code tokenizer_config.json}.
 *
 * <p>Two encoders share one vocabulary: {@link #encodeSpecial} recognises added tokens (for the chat
 * template's own structure), {@link #encodePlain} never does (for anything a person typed). BOS is only
 * added by {@link #encodePrompt}, following {@code add_bos_token} (or, when the config is silent, the
 * tokenizer's post-processor), and never twice.
 *
 * <p>A tokenizer whose regular expressions are not all the official tokenizers' encodes in a child process
 * ({@link IsolatedEncoder}): the native library aborts the process when its regex engine gives up on a text, and
 * there it only ends the child ({@link TokenizerCrashedException} for that call). Decoding stays in-process.
 *
 * <p>Thread safety: encoding and decoding hold no mutable state on the Java side; one instance may be used
 * from several threads. {@link #close()} frees the native tokenizers.
 */
public final class ModelTokenizer implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelTokenizer.class);

    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false");

    private final HuggingFaceTokenizer special;
    private final HuggingFaceTokenizer plain;
    /** Encodes in a child process when the patterns are not known-good; null when encoding is in-process. */
    private final IsolatedEncoder isolated;
    private final TokenizerJson vocabulary;
    private final TokenizerSettings settings;
    private final boolean addBos;

    private ModelTokenizer(HuggingFaceTokenizer special, HuggingFaceTokenizer plain, IsolatedEncoder isolated,
                           TokenizerJson vocabulary, TokenizerSettings settings) {
        this.special = special;
        this.plain = plain;
        this.isolated = isolated;
        this.vocabulary = vocabulary;
        this.settings = settings;
        this.addBos = settings.addBosToken() != null
                ? settings.addBosToken() && settings.bosToken() != null
                : vocabulary.postProcessorStartsWith(settings.bosToken());
    }

    /**
     * Loads {@code tokenizer.json} and (optionally) {@code tokenizer_config.json} and
     * {@code generation_config.json} from a model folder.
     *
     * @throws IOException when {@code tokenizer.json} is missing or a file is malformed; the message names the file
     */
    public static ModelTokenizer load(Path folder) throws IOException {
        TokenizerJson json = TokenizerJson.read(folder.resolve("tokenizer.json"));
        return assemble(folder, json, TokenizerSettings.read(folder));
    }

    /**
     * Loads {@code tokenizer.json} and (optionally) {@code tokenizer_config.json} from a model folder whose
     * further end-of-generation ids and {@code vocab_size} the caller has read already (from
     * {@code generation_config.json} and {@code config.json}, see {@link org.thinktrace.model.ModelConfig});
     * reads no other file.
     *
     * @param vocabSize {@code config.json}'s {@code vocab_size}: the vocabulary's ids and the BOS and EOS tokens'
     *                  must be below it (an unused added token beyond it, such as an old fine-tune's extra
     *                  {@code [PAD]}, is logged: only a prompt holding it fails)
     * @throws IOException when {@code tokenizer.json} is missing, a file is malformed or a token that every prompt
     *                     or the model's own output may hold has no embedding row; the message names the file
     */
    public static ModelTokenizer load(Path folder, List<Integer> extraEosIds, int vocabSize) throws IOException {
        TokenizerJson json = TokenizerJson.read(folder.resolve("tokenizer.json"));
        TokenizerSettings settings = TokenizerSettings.read(folder, extraEosIds);
        List<String> special = java.util.stream.Stream.of(settings.bosToken(), settings.eosToken())
                .filter(java.util.Objects::nonNull).toList();
        for (String beyond : json.requireIdsBelow(vocabSize, special)) {
            LOG.warn("{}: {}; a prompt holding it will fail", folder.resolve("tokenizer.json"), beyond);
        }
        return assemble(folder, json, settings);
    }

    /**
     * The tokenizer a GGUF file carries in its metadata ({@link GgufTokenizerJson}), with {@code extraEosIds}
     * further ids that end generation; reads no file.
     *
     * @param file the GGUF file, named in messages
     * @throws IOException naming the file and the metadata key when the vocabulary cannot be used
     */
    public static ModelTokenizer fromGguf(Path file, GgufVocabulary vocabulary, List<Integer> extraEosIds)
            throws IOException {
        TokenizerJson json = TokenizerJson.parse(file, GgufTokenizerJson.build(file, vocabulary));
        TokenizerSettings settings = new TokenizerSettings(vocabulary.textOf(vocabulary.bosId()),
                vocabulary.textOf(vocabulary.eosId()), Boolean.TRUE.equals(vocabulary.addBos()), Optional.empty(),
                extraEosIds);
        return assemble(file, json, settings);
    }

    private static ModelTokenizer assemble(Path folder, TokenizerJson json, TokenizerSettings settings) throws IOException {
        HuggingFaceTokenizer special = build(json.original(), json.file());
        HuggingFaceTokenizer plain;
        try {
            plain = build(json.withoutAddedTokens(), json.file());
        } catch (IOException e) {
            special.close();
            throw e;
        }
        IsolatedEncoder isolated = null;
        if (!json.regexesKnownGood()) {
            try {
                isolated = new IsolatedEncoder(json.file(), json.original(), json.withoutAddedTokens());
            } catch (IOException e) {
                special.close();
                plain.close();
                throw e;
            }
        }
        ModelTokenizer tokenizer = new ModelTokenizer(special, plain, isolated, json, settings);
        if (tokenizer.addBos && tokenizer.bosId().isEmpty()) {
            tokenizer.close();
            throw new IOException(folder.resolve("tokenizer_config.json") + ": bos_token '" + settings.bosToken()
                    + "' is not a token of " + json.file());
        }
        return tokenizer;
    }

    private static HuggingFaceTokenizer build(byte[] tokenizerJson, Path file) throws IOException {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), OPTIONS);
        } catch (RuntimeException e) {
            throw new IOException(file + ": the HuggingFace tokenizer library rejected it (" + e.getMessage() + ")", e);
        }
    }

    /** Encodes template structure: text spelling an added token becomes that token's id. No BOS. */
    public int[] encodeSpecial(String text) {
        if (isolated != null) return isolated.encode(true, text);
        return toInts(special.encode(text, false, false).getIds());
    }

    /** Encodes text a person wrote: every character is plain text, no added token is ever produced. No BOS. */
    public int[] encodePlain(String text) {
        if (isolated != null) return isolated.encode(false, text);
        return toInts(plain.encode(text, false, false).getIds());
    }

    /** Whether encoding runs in a child process (the tokenizer's regular expressions are not the official ones). */
    public boolean encodesInChildProcess() {
        return isolated != null;
    }

    /**
     * Encodes a rendered prompt: template segments with {@link #encodeSpecial}, content segments with
     * {@link #encodePlain}, and BOS first when the tokenizer config asks for it and the template has not
     * already written the BOS text at the start.
     */
    public int[] encodePrompt(RenderedPrompt prompt) {
        List<int[]> parts = new ArrayList<>();
        if (addBos && !prompt.text().startsWith(settings.bosToken())) {
            parts.add(new int[]{bosId().orElseThrow()});
        }
        for (RenderedPrompt.Segment segment : prompt.segments()) {
            parts.add(segment.userContent() ? encodePlain(segment.text()) : encodeSpecial(segment.text()));
        }
        return concat(parts);
    }

    /** Decodes ids to text; {@code skipSpecial} drops added tokens flagged special (BOS, EOS, …). */
    public String decode(int[] ids, boolean skipSpecial) {
        return special.decode(toLongs(ids), skipSpecial);
    }

    /**
     * How one token reads on its own, for display: its decoded text, or, when it is only part of a
     * multi-byte character (decodes to U+FFFD), its bytes written {@code <0xE8><0x8D>}.
     */
    public String tokenText(int id) {
        String text = decode(new int[]{id}, false);
        byte[] bytes = text.indexOf('\uFFFD') >= 0 ? vocabulary.pieceBytes(id) : null;
        if (bytes == null) {
            return text;
        }
        StringBuilder shown = new StringBuilder();
        for (byte b : bytes) {
            shown.append(String.format("<0x%02X>", b & 0xFF));
        }
        return shown.toString();
    }

    /**
     * The id of a token given its text: an added token's content (e.g. {@code </think>}), a vocabulary
     * piece as stored, or a text that encodes to exactly one token.
     */
    public OptionalInt idOf(String tokenText) {
        Integer added = vocabulary.addedTokenId(tokenText);
        if (added != null) {
            return OptionalInt.of(added);
        }
        Integer piece = vocabulary.pieceId(tokenText);
        if (piece != null) {
            return OptionalInt.of(piece);
        }
        int[] ids = encodePlain(tokenText);
        return ids.length == 1 ? OptionalInt.of(ids[0]) : OptionalInt.empty();
    }

    /** The BOS id, when the config names a BOS token that the vocabulary has. */
    public OptionalInt bosId() {
        return settings.bosToken() == null ? OptionalInt.empty() : exactId(settings.bosToken());
    }

    /** Whether {@link #encodePrompt} starts prompts with BOS. */
    public boolean addsBos() {
        return addBos;
    }

    /** Ids that end generation: the config's EOS token, then {@code generation_config.json}'s, without repeats. */
    public List<Integer> eosIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        if (settings.eosToken() != null) {
            exactId(settings.eosToken()).ifPresent(ids::add);
        }
        ids.addAll(settings.extraEosIds());
        return List.copyOf(ids);
    }

    /** One more than the highest token id the tokenizer knows. */
    public int vocabSize() {
        return vocabulary.vocabSize();
    }

    /** The BOS token text, or {@code null} when the model has none. */
    public String bosToken() {
        return settings.bosToken();
    }

    /** The EOS token text, or {@code null} when the config names none. */
    public String eosToken() {
        return settings.eosToken();
    }

    /** The {@code tokenizer_config.json} next to {@code tokenizer.json} (which may not exist). */
    public Path configFile() {
        return vocabulary.file().resolveSibling("tokenizer_config.json");
    }

    /** The folder's default chat template, if its tokenizer config has one. */
    public Optional<String> chatTemplate() {
        return settings.chatTemplate();
    }

    /** The texts of the added tokens (control tokens such as {@code <｜User｜>}, {@code <think>}), in id order. */
    public List<String> addedTokens() {
        return vocabulary.addedTokens();
    }

    /** Whether an id is an added token (control tokens such as {@code <｜Assistant｜>} or {@code <think>}). */
    public boolean isAddedToken(int id) {
        return vocabulary.isAddedToken(id);
    }

    /**
     * Whether the id is a {@code <0xNN>} byte token of a byte-fallback model (SentencePiece-style BPE).
     * Such tokens only decode as a whole run; see {@link IncrementalDetokenizer}.
     */
    public boolean isFallbackByte(int id) {
        return vocabulary.isFallbackByte(id);
    }

    private OptionalInt exactId(String tokenText) {
        Integer added = vocabulary.addedTokenId(tokenText);
        if (added != null) {
            return OptionalInt.of(added);
        }
        Integer piece = vocabulary.pieceId(tokenText);
        return piece == null ? OptionalInt.empty() : OptionalInt.of(piece);
    }

    @Override
    public void close() {
        special.close();
        plain.close();
        if (isolated != null) isolated.close();
    }

    private static int[] toInts(long[] ids) {
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    private static long[] toLongs(int[] ids) {
        return Arrays.stream(ids).asLongStream().toArray();
    }

    private static int[] concat(List<int[]> parts) {
        return parts.stream().flatMapToInt(Arrays::stream).toArray();
    }
}

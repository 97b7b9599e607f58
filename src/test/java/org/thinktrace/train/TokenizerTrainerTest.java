package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.testing.Fixture;

/**
 * The trained tokenizer loads in DJL's HuggingFace tokenizer, round-trips text exactly, gives the R1
 * added tokens their ids, and encodes like a naive merge-by-rank BPE written here from the file.
 */
class TokenizerTrainerTest {

    private static final int VOCAB = 1024;
    private static final Path TEMPLATE_FIXTURE =
            Fixture.inRepository("chat-templates/deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja");
    private static final Path RENDERED_FIXTURE =
            Fixture.inRepository("chat-templates/expected/deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.single-user.txt");

    @TempDir
    static Path dir;
    private static List<Problem> corpus;
    private static BpeModel bpe;
    private static HuggingFaceTokenizer tokenizer;
    private static JsonNode tokenizerJson;

    @BeforeAll
    static void train() throws IOException {
        corpus = Teacher.of(TeacherEdition.SECOND).trainingSet(3000, 5);
        bpe = TokenizerTrainer.train(corpus.stream().map(R1ChatFormat::conversation).toList(), VOCAB);
        TokenizerFiles.write(dir, bpe, 512);
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(dir.resolve("tokenizer.json"))
                .optTruncation(false).optPadding(false).optAddSpecialTokens(false).build();
        tokenizerJson = new ObjectMapper().readTree(dir.resolve("tokenizer.json").toFile());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void vocabularyFillsTheTargetAndHoldsTheByteAlphabet() {
        assertEquals(VOCAB - R1SpecialToken.values().length, bpe.vocab().size());
        JsonNode vocab = tokenizerJson.path("model").path("vocab");
        for (int b = 0; b < 256; b++) {
            assertTrue(vocab.has(String.valueOf(bytesToUnicode().get(b))), "byte " + b + " missing");
        }
        assertEquals(0, vocab.path("!").asInt());
        assertEquals(bpe.merges().size(), tokenizerJson.path("model").path("merges").size());
    }

    @Test
    void roundTripsCorpusTextExactly() {
        long chars = 0;
        long tokens = 0;
        for (Problem p : corpus.subList(0, 300)) {
            String text = R1ChatFormat.conversation(p);
            long[] ids = tokenizer.encode(text).getIds();
            assertEquals(text, tokenizer.decode(ids, false));
            chars += text.length();
            tokens += ids.length;
        }
        assertTrue(tokens < chars / 2, "merges should compress: " + tokens + " ids for " + chars + " chars");
        String odd = "Café — 😀 草莓 \t tabs\n\n  spaces  it's WE'LL 9.11 vs 9.9!!!\r\n";
        assertEquals(odd, tokenizer.decode(tokenizer.encode(odd).getIds(), false));
    }

    @Test
    void addedTokensGetTheirIdsAndFlags() {
        int base = bpe.vocab().size();
        String text = R1ChatFormat.prompt("Hi") + "x</think>\n\nok" + R1SpecialToken.END_OF_SENTENCE.content();
        long[] ids = tokenizer.encode(text).getIds();
        assertEquals(base + 3, ids[0]);
        assertEquals(base + 1, ids[1]);
        List<Long> idList = new ArrayList<>();
        for (long id : ids) {
            idList.add(id);
        }
        for (R1SpecialToken t : R1SpecialToken.values()) {
            assertTrue(idList.contains((long) t.id(base)), t + " not encoded as one token");
        }
        assertEquals(base, idList.get(idList.size() - 1));
        String skipped = tokenizer.decode(ids, true);
        assertEquals("<｜User｜>Hi<｜Assistant｜><think>\nx</think>\n\nok", skipped);
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            R1SpecialToken t = R1SpecialToken.values()[added.path("id").asInt() - base];
            assertEquals(t.content(), added.path("content").asText());
            assertEquals(t.special(), added.path("special").asBoolean());
        }
    }

    @Test
    void addsBeginOfSentenceWhenAskedToAddSpecialTokens() throws IOException {
        try (HuggingFaceTokenizer withBos = HuggingFaceTokenizer.builder().optTokenizerPath(dir.resolve("tokenizer.json"))
                .optTruncation(false).optPadding(false).optAddSpecialTokens(true).build()) {
            long[] ids = withBos.encode("What is 2 + 2?").getIds();
            assertEquals(R1SpecialToken.BEGIN_OF_SENTENCE.id(bpe.vocab().size()), ids[0]);
        }
    }

    @Test
    void naiveMergeByRankEncoderAgreesWithDjl() {
        List<String> samples = new ArrayList<>();
        for (Problem p : Teacher.of(TeacherEdition.SECOND).evaluationSet(3, 8)) {
            samples.add(p.question());
            samples.add(p.response().replace("<think>", "").replace("</think>", ""));
        }
        samples.add("Café — 😀 草莓 \t tabs\n\n  spaces  it's WE'LL 9.11 vs 9.9!!!\r\n");
        samples.add("   leading spaces and trailing   ");
        NaiveBpe naive = new NaiveBpe(tokenizerJson);
        for (String s : samples) {
            long[] expected = naive.encode(s);
            assertArrayEquals(expected, tokenizer.encode(s).getIds(), () -> "encoding differs for: " + s);
        }
    }

    @Test
    void trainingIsDeterministic(@TempDir Path other) throws IOException {
        BpeModel again = TokenizerTrainer.train(corpus.stream().map(R1ChatFormat::conversation).toList(), VOCAB);
        TokenizerFiles.write(other, again, 512);
        assertArrayEquals(Files.readAllBytes(dir.resolve("tokenizer.json")), Files.readAllBytes(other.resolve("tokenizer.json")));
    }

    @Test
    void tokenizerConfigCarriesTheOfficialR1Template() throws IOException {
        JsonNode config = new ObjectMapper().readTree(dir.resolve("tokenizer_config.json").toFile());
        assertEquals(R1SpecialToken.BEGIN_OF_SENTENCE.content(), config.path("bos_token").path("content").asText());
        assertEquals(R1SpecialToken.END_OF_SENTENCE.content(), config.path("eos_token").path("content").asText());
        assertTrue(config.path("add_bos_token").asBoolean());
        assertEquals(Files.readString(TEMPLATE_FIXTURE, StandardCharsets.UTF_8), config.path("chat_template").asText());
    }

    @Test
    void trainingPromptIsWhatTheTemplateRenders() throws IOException {
        assertEquals(Files.readString(RENDERED_FIXTURE, StandardCharsets.UTF_8), R1ChatFormat.prompt("What is 17 * 23?"));
    }

    /** GPT-2's bytes_to_unicode, written out again here. */
    private static List<Character> bytesToUnicode() {
        List<Character> table = new ArrayList<>();
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            table.add(printable ? (char) b : (char) (256 + extra++));
        }
        return table;
    }

    /** Applies merges by rank, lowest first, to each pre-token: the textbook BPE encoder. */
    private static final class NaiveBpe {
        private final Pattern split;
        private final Map<String, Integer> vocab = new HashMap<>();
        private final Map<String, Integer> rank = new HashMap<>();

        NaiveBpe(JsonNode json) {
            split = Pattern.compile(json.path("pre_tokenizer").path("pretokenizers").get(0).path("pattern").path("Regex").asText(),
                    Pattern.UNICODE_CHARACTER_CLASS);
            json.path("model").path("vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
            JsonNode merges = json.path("model").path("merges");
            for (int i = 0; i < merges.size(); i++) {
                rank.put(merges.get(i).asText(), i);
            }
        }

        long[] encode(String text) {
            List<Long> ids = new ArrayList<>();
            Matcher m = split.matcher(text);
            while (m.find()) {
                List<String> parts = new ArrayList<>();
                for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                    parts.add(String.valueOf(bytesToUnicode().get(b & 0xFF)));
                }
                while (true) {
                    int bestAt = -1;
                    int bestRank = Integer.MAX_VALUE;
                    for (int i = 0; i + 1 < parts.size(); i++) {
                        Integer r = rank.get(parts.get(i) + " " + parts.get(i + 1));
                        if (r != null && r < bestRank) {
                            bestRank = r;
                            bestAt = i;
                        }
                    }
                    if (bestAt < 0) {
                        break;
                    }
                    parts.set(bestAt, parts.get(bestAt) + parts.remove(bestAt + 1));
                }
                for (String p : parts) {
                    ids.add((long) vocab.get(p));
                }
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }
}

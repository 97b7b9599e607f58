package org.thinktrace.chat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.Message;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.generate.ModelIdentity;

class ConversationFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private static Path versionOneFile(Path folder) throws IOException {
        Path file = folder.resolve("c1b2a3d4-0000-4000-8000-000000000000.json");
        try (InputStream in = ConversationFormatTest.class.getResourceAsStream("/org/thinktrace/chat/conversation-v1.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aVersionOneFileReadsBackAsTheConversationItWasWrittenFrom() throws IOException {
        Conversation read = ConversationFormat.read(versionOneFile(folder));
        assertSame(VersionOneSample.conversation(), read);
        assertEquals(ConversationFormat.VERSION, read.schemaVersion());
    }

    @Test
    void aMigratedConversationWrittenAgainIsVersionTwoAndReadsBackTheSame() throws IOException {
        Conversation migrated = ConversationFormat.read(versionOneFile(folder));
        Path again = write(migrated);
        String text = Files.readString(again);
        assertTrue(text.contains("\"schemaVersion\" : 2"), text);
        assertTrue(text.contains("\"state\" : \"complete\""), "states are written as their codes");
        assertTrue(text.contains("\"finishReason\" : \"cancelled\""), "finish reasons are written as their codes");
        assertSame(VersionOneSample.conversation(), ConversationFormat.read(again));
    }

    @Test
    void theModelAndSystemPromptOfAVersionSurviveTheRoundTrip() throws IOException {
        Conversation sample = VersionOneSample.conversation();
        AssistantMessage first = (AssistantMessage) sample.messages().get(1);
        String hash = "ab".repeat(32);
        Conversation withModel = sample.withReplaced(first.withVersion(0, first.versions().getFirst()
                .withGeneration(ModelIdentity.local("thinktrace-r1-tiny", hash, "int8"), "Be brief.")), sample.updatedAt());
        AssistantMessage second = (AssistantMessage) withModel.messages().get(3);
        withModel = withModel.withReplaced(second.withVersion(1, second.versions().get(1)
                .withGeneration(ModelIdentity.remote("http://localhost:8000/v1", "deepseek-r1"), "")), sample.updatedAt());

        Path file = write(withModel);
        Conversation read = ConversationFormat.read(file);

        assertSame(withModel, read);
        AssistantVersion local = ((AssistantMessage) read.messages().get(1)).versions().getFirst();
        assertEquals(ModelIdentity.local("thinktrace-r1-tiny", hash, "int8"), local.model());
        JsonNode written = JSON.readTree(file.toFile());
        assertEquals("int8", written.at("/messages/1/versions/0/model/precision").asText());
        assertTrue(written.at("/messages/3/versions/1/model").has("name")
                && !written.at("/messages/3/versions/1/model").has("precision"), "a remote model records no precision");
        assertEquals("Be brief.", local.systemPrompt());
        assertEquals("http://localhost:8000/v1", ((AssistantMessage) read.messages().get(3)).versions().get(1)
                .model().endpoint());
    }

    @Test
    void aVersionOneConvergenceThatNeverSettledKeepsItsNaNShare() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(versionOneFile(folder).toFile());
        ObjectNode convergence = (ObjectNode) root.at("/messages/1/versions/0/probes/convergence");
        convergence.put("settledStep", -1).put("afterSettledShare", "NaN");
        Conversation read = ConversationFormat.fromTree(root, "v1-nan.json");
        double share = ((AssistantMessage) read.messages().get(1)).versions().getFirst().probes().convergence()
                .afterSettledShare();
        assertTrue(Double.isNaN(share));
        String written = Files.readString(write(read));
        assertTrue(written.contains("\"afterSettledShare\" : null"), "version 2 writes null, not a NaN string");
    }

    @Test
    void anUnknownStateCodeIsRefusedNamingTheFileAndTheValue() throws IOException {
        Path file = write(VersionOneSample.conversation());
        Files.writeString(file, Files.readString(file).replaceFirst("\"state\" : \"complete\"", "\"state\" : \"COMPLETE\""));
        IOException e = assertThrows(ConversationFormat.InvalidFileException.class, () -> ConversationFormat.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("COMPLETE"), e.getMessage());
    }

    @Test
    void aMissingRequiredFieldIsRefusedNamingIt() throws IOException {
        ObjectNode root = ConversationFormat.toTree(VersionOneSample.conversation());
        ((ObjectNode) root.at("/messages/1/versions/0")).remove("sampling");
        IOException e = assertThrows(IOException.class, () -> ConversationFormat.fromTree(root, "x.json"));
        assertTrue(e.getMessage().startsWith("x.json"), e.getMessage());
        assertTrue(e.getMessage().contains("sampling"), e.getMessage());
    }

    @Test
    void aNewerFormatIsRefused() {
        ObjectNode root = ConversationFormat.toTree(VersionOneSample.conversation()).put("schemaVersion", 3);
        ConversationFormat.NewerVersionException e = assertThrows(ConversationFormat.NewerVersionException.class,
                () -> ConversationFormat.fromTree(root, "future.json"));
        assertEquals(3, e.version());
        assertTrue(e.getMessage().contains("newer ThinkTrace"), e.getMessage());
    }

    @Test
    void onlyConversationFilesAreRecognised() throws IOException {
        Path list = folder.resolve("turns.json");
        Files.writeString(list, "[{\"role\": \"user\", \"content\": \"Hi\"}]");
        Path lines = folder.resolve("ask.jsonl");
        Files.writeString(lines, "{\"type\":\"token\"}\n{\"type\":\"token\"}\n");
        Path text = folder.resolve("notes.txt");
        Files.writeString(text, "not JSON at all");
        assertTrue(ConversationFormat.readIfConversation(list).isEmpty());
        assertTrue(ConversationFormat.readIfConversation(lines).isEmpty());
        assertTrue(ConversationFormat.readIfConversation(text).isEmpty());
        assertTrue(ConversationFormat.readIfConversation(versionOneFile(folder)).isPresent());
    }

    @Test
    void writtenFilesMatchTheDocumentedSchema() throws IOException {
        JsonSchema schema = documentedSchema();
        Conversation sample = VersionOneSample.conversation();
        AssistantMessage first = (AssistantMessage) sample.messages().get(1);
        Conversation withModel = sample.withReplaced(first.withVersion(0, first.versions().getFirst()
                .withGeneration(ModelIdentity.local("tiny", "0f".repeat(32), "fp16"), "")), 5);
        for (Conversation c : List.of(sample, withModel, Conversation.start(1))) {
            JsonNode written = JSON.readTree(write(c).toFile());
            Set<ValidationMessage> problems = schema.validate(written);
            assertEquals(Set.of(), problems);
        }
    }

    @Test
    void theSchemaRejectsWhatTheReaderRejects() throws IOException {
        JsonSchema schema = documentedSchema();
        ObjectNode root = ConversationFormat.toTree(VersionOneSample.conversation());
        ((ObjectNode) root.at("/messages/1/versions/0")).put("state", "COMPLETE");
        assertFalse(schema.validate(root).isEmpty(), "an enum name instead of a code");
        assertFalse(schema.validate(JSON.readTree(versionOneFile(folder).toFile())).isEmpty(),
                "a version-1 file is not a version-2 file");
    }

    /** docs/conversation.schema.json, read by an independent validator (networknt, draft 2020-12). */
    private static JsonSchema documentedSchema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/conversation.schema.json")));
    }

    private Path write(Conversation c) throws IOException {
        Path file = folder.resolve(c.id() + ".json");
        try (OutputStream out = Files.newOutputStream(file)) {
            ConversationFormat.write(out, c);
        }
        return file;
    }

    /** Equal in everything but the schema version (token traces compared by value). */
    static void assertSame(Conversation expected, Conversation actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.title(), actual.title());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.updatedAt(), actual.updatedAt());
        assertEquals(expected.messages().size(), actual.messages().size());
        for (int i = 0; i < expected.messages().size(); i++) {
            Message e = expected.messages().get(i);
            Message a = actual.messages().get(i);
            if (e instanceof AssistantMessage ea && a instanceof AssistantMessage aa) {
                assertEquals(ea.selected(), aa.selected());
                assertEquals(ea.thinkingOpen(), aa.thinkingOpen());
                assertEquals(ea.id(), aa.id());
                assertEquals(ea.versions().size(), aa.versions().size());
                for (int v = 0; v < ea.versions().size(); v++) {
                    AssistantVersion ev = ea.versions().get(v);
                    AssistantVersion av = aa.versions().get(v);
                    assertTrue(ev.tokens().sameAs(av.tokens()), "tokens of message " + i + " version " + v);
                    assertEquals(withoutTokens(ev), withoutTokens(av), "message " + i + " version " + v);
                }
            } else {
                assertEquals(e, a);
            }
        }
    }

    private static final TokenTrace NO_TOKENS = TokenTrace.empty();

    private static AssistantVersion withoutTokens(AssistantVersion v) {
        return new AssistantVersion(v.thinking(), v.answer(), v.state(), v.finishReason(), v.thinkingUnfinished(),
                v.thinkingForced(), v.stats(), v.sampling(), v.maxTokens(), v.thinkingBudget(), v.error(), NO_TOKENS,
                v.createdAt(), v.origin(), v.probes(), v.model(), v.systemPrompt());
    }
}

package org.thinktrace.chat.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.store.ConversationFormat;
import org.thinktrace.text.ChatTurn;

class ExportTest {

    @TempDir
    Path folder;

    /** The real version-1 conversation file kept for the format tests. */
    private Conversation sample() throws IOException {
        Path file = folder.resolve("c1b2a3d4-0000-4000-8000-000000000000.json");
        try (InputStream in = getClass().getResourceAsStream("/org/thinktrace/chat/conversation-v1.json")) {
            Files.copy(in, file);
        }
        return ConversationFormat.read(file);
    }

    @Test
    void markdownMatchesTheHandWrittenExport() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("conversation-v1.md")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, MarkdownExport.render(sample()));
    }

    @Test
    void markdownSaysWhenTheShownVersionStoppedOrFailed() throws IOException {
        Conversation c = sample();
        AssistantMessage first = (AssistantMessage) c.messages().get(1);
        AssistantMessage second = (AssistantMessage) c.messages().get(3);
        c = c.withReplaced(first.withSelected(2), 1).withReplaced(second.withSelected(0), 1);
        String md = MarkdownExport.render(c);
        assertTrue(md.contains("_Version 3 of 3, edited at token 2: \"17 × 24\" → \"Let me redo: 17 \"times\" 24\"_"
                + "\n\n<details>\n<summary>Thinking</summary>\n\nI need\n\n</details>\n\n_Stopped before the end._\n"), md);
        assertTrue(md.endsWith("_Version 1 of 2_\n\n_Failed: the model ran out of memory: try a shorter context_\n"), md);
    }

    @Test
    void aClosingDetailsTagInTheThinkingDoesNotEndItsBlock() throws IOException {
        Conversation c = sample();
        AssistantMessage first = (AssistantMessage) c.messages().get(1);
        AssistantVersion v = first.current();
        AssistantVersion tricky = new AssistantVersion("Close it: </details> or </DETAILS>\nthen go on", "Done.",
                ResponseState.COMPLETE, v.finishReason(), false, false, v.stats(), v.sampling(), v.maxTokens(),
                v.thinkingBudget(), null, v.tokens(), v.createdAt(), null, v.probes(), v.model(), v.systemPrompt());
        String md = MarkdownExport.render(c.withReplaced(first.withCurrent(tricky), 1));
        assertTrue(md.contains("<summary>Thinking</summary>\n\nClose it: &lt;/details> or &lt;/DETAILS>\nthen go on"
                + "\n\n</details>\n\nDone.\n"), md);
    }

    @Test
    void theJsonExportReadsBackEveryVersionWithItsTokensPromptAndSettings() throws IOException {
        Conversation c = sample();
        Path file = folder.resolve("export.json");
        Files.writeString(file, TraceExport.render(c));

        List<ExportedVersion> read = TraceExport.read(file);

        List<AssistantVersion> versions = c.messages().stream().filter(AssistantMessage.class::isInstance)
                .flatMap(m -> ((AssistantMessage) m).versions().stream()).toList();
        assertEquals(versions.size(), read.size());
        for (int i = 0; i < versions.size(); i++) {
            AssistantVersion v = versions.get(i);
            ExportedVersion e = read.get(i);
            assertArrayEquals(v.tokens().ids(), e.ids());
            assertEquals(v.sampling(), e.sampling());
            assertEquals(v.maxTokens(), e.maxTokens());
            assertEquals(v.thinkingBudget(), e.thinkingBudget());
            assertEquals(v.state(), e.state());
            assertEquals(v.origin(), e.origin());
            assertNull(e.model(), "the version-1 file recorded no model");
            for (int t = 0; t < v.tokens().size(); t++) {
                assertEquals(v.tokens().tokenInfo(t), e.tokens().get(t), "token " + t + " of " + e.label());
            }
        }
        ExportedVersion secondResponse = read.get(4);
        assertEquals("response 2, version 2", secondResponse.label());
        assertEquals(List.of(ChatTurn.user("What is 17 × 24?"),
                ChatTurn.assistant(((AssistantMessage) c.messages().get(1)).current().templateContent()),
                ChatTurn.user("And 2 + 2?\nShow it with \"quotes\".")), secondResponse.prompt());
        assertEquals(ResponseState.FAILED, read.get(3).state());
    }

    @Test
    void aVersionsPromptHoldsTheEarlierVersionsItWasGeneratedAfterWhenRecorded() throws IOException {
        Conversation c = sample();
        AssistantMessage first = (AssistantMessage) c.messages().get(1);
        AssistantMessage second = (AssistantMessage) c.messages().get(3);
        assertEquals(1, first.selected());
        // the second response's first version answered after version 3 of the first response, its second version
        // recorded nothing (saved before it was recorded): the selected version stands in
        AssistantMessage recorded = second.withVersion(0, second.versions().get(0).withContextVersions(List.of(2)));
        Conversation changed = c.withReplaced(recorded, c.updatedAt());
        Path file = folder.resolve("context.json");
        Files.writeString(file, TraceExport.render(changed));

        List<ExportedVersion> read = TraceExport.read(file);

        assertEquals(ChatTurn.assistant(first.versions().get(2).templateContent()), read.get(3).prompt().get(1));
        assertEquals(ChatTurn.assistant(first.versions().get(1).templateContent()), read.get(4).prompt().get(1));
    }

    @Test
    void aFileThatIsNotAnExportIsRefusedNamingIt() throws IOException {
        Path file = folder.resolve("conversation.json");
        try (InputStream in = getClass().getResourceAsStream("/org/thinktrace/chat/conversation-v1.json")) {
            Files.copy(in, file);
        }
        IOException e = assertThrows(IOException.class, () -> TraceExport.read(file));
        assertTrue(e.getMessage().startsWith(file + " is not a ThinkTrace JSON export"), e.getMessage());
    }
}

package org.thinktrace.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.Message;
import org.thinktrace.chat.UserMessage;
import org.thinktrace.chat.store.ConversationFormat;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.inspect.AskJsonTranscript;
import org.thinktrace.inspect.InspectedResponse;
import org.thinktrace.text.ChatTurn;

/**
 * A response read for {@code thinktrace inspect}: from an app conversation file (one version of one assistant
 * message) or from the output of {@code thinktrace ask --json}.
 *
 * @param label          names the response in messages, e.g. "conv.json, message 2, version 1"
 * @param response       the response to inspect
 * @param turns          the conversation it answers (ending with the user's message); null for an ask transcript
 * @param renderedPrompt the exact prompt text it answered; null for a conversation file
 * @param sampling       the settings it was generated with; null when unknown
 * @param version        the version read (0-based); 0 for an ask transcript
 * @param versions       how many versions the message has; 1 for an ask transcript
 */
record InspectSource(String label, InspectedResponse response, List<ChatTurn> turns, String renderedPrompt,
                     SamplingSettings sampling, int version, int versions) {

    /**
     * Reads {@code file}.
     *
     * @param message the 1-based index among the conversation's assistant messages, or 0 for the last one
     * @param version the 1-based version, or 0 for the message's selected version
     */
    static InspectSource read(Path file, int message, int version) throws UsageException, IOException {
        if (!Files.exists(file)) throw new UsageException(file + " does not exist");
        if (Files.isDirectory(file)) throw new UsageException(file + " is a folder, not a file");
        Optional<Conversation> conversation;
        try {
            conversation = ConversationFormat.readIfConversation(file);
        } catch (IOException e) { // names the file
            throw new UsageException(e.getMessage(), e);
        }
        if (conversation.isPresent()) return fromConversation(file, conversation.get(), message, version);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " is not UTF-8 text (expected a conversation file or the output of"
                    + " ask --json)", e);
        } catch (IOException e) {
            throw new UsageException(file + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (message > 0 || version > 1) {
            throw new UsageException(file + " is the output of ask --json: it holds one response, so --message and"
                    + " --version do not apply");
        }
        try {
            InspectedResponse response = AskJsonTranscript.parse(text.lines().toList(), file.toString());
            return new InspectSource(file.toString(), response, null, response.question(), null, 0, 1);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (expected a conversation file or the output of ask --json)", e);
        }
    }

    /** Another version of the same message, for {@code --with}. */
    InspectSource otherVersion(Path file, int message, int otherVersion) throws UsageException, IOException {
        if (turns == null) throw new UsageException("--with needs a conversation file; " + file + " holds one response");
        return read(file, message, otherVersion);
    }

    private static InspectSource fromConversation(Path file, Conversation c, int message, int version)
            throws UsageException {
        List<Integer> responses = new java.util.ArrayList<>();
        List<Message> messages = c.messages();
        for (int i = 0; i < messages.size(); i++) if (messages.get(i) instanceof AssistantMessage) responses.add(i);
        if (responses.isEmpty()) throw new UsageException(file + " has no responses to inspect");
        if (message > responses.size()) {
            throw new UsageException(file + " has " + responses.size() + " responses; --message " + message
                    + " does not exist");
        }
        int index = responses.get(message == 0 ? responses.size() - 1 : message - 1);
        AssistantMessage assistant = (AssistantMessage) messages.get(index);
        if (version > assistant.versions().size()) {
            throw new UsageException("response " + (responses.indexOf(index) + 1) + " of " + file + " has "
                    + assistant.versions().size() + " versions; --version " + version + " does not exist");
        }
        int v = version == 0 ? assistant.selected() : version - 1;
        AssistantVersion chosen = assistant.versions().get(v);
        String question = index > 0 && messages.get(index - 1) instanceof UserMessage u ? u.text() : "";
        String label = file + ", response " + (responses.indexOf(index) + 1) + ", version " + (v + 1);
        String systemPrompt = chosen.systemPrompt() == null ? "" : chosen.systemPrompt();
        return new InspectSource(label, InspectedResponse.of(question, chosen),
                c.turns(index, systemPrompt, chosen.contextVersions()), null,
                chosen.sampling(), v, assistant.versions().size());
    }
}

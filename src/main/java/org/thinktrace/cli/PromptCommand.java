package org.thinktrace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.thinktrace.generate.EncodedPrompt;
import org.thinktrace.generate.ModelText;
import org.thinktrace.text.ChatTurn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace prompt --conversation FILE.json}: prints the exact prompt text a conversation renders to
 * with the model's chat template (generation prompt added), then its token ids; {@code --json} prints one
 * object {@code {"text":…,"ids":[…]}} instead. Needs only the model's tokenizer files, no weights.
 */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        description = "show the exact prompt text and token ids a conversation renders to")
final class PromptCommand implements Callable<Integer> {

    private final CommandIo io;

    @Option(names = "--conversation", paramLabel = "FILE.json",
            description = "a JSON list of {\"role\", \"content\"} messages or a conversation file of the app (required)")
    Path conversation;

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "whose tokenizer and chat template (default: the bundled model)")
    Path model;

    @Option(names = "--json", description = "one object {\"text\":…,\"ids\":[…]} (default: text, then the ids)")
    boolean json;

    PromptCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (conversation == null) {
            throw new UsageException("--conversation FILE.json is needed (a JSON list of {\"role\", \"content\"} messages"
                    + " or a conversation file of the app)");
        }
        List<ChatTurn> turns = ConversationFile.read(conversation);
        PrintStream out = io.out();
        try (ModelText text = ModelChoice.loadText(model)) {
            EncodedPrompt prompt = text.codec().encodeConversation(turns);
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode node = mapper.createObjectNode().put("text", prompt.text());
                Arrays.stream(prompt.ids()).forEach(node.putArray("ids")::add);
                out.println(mapper.writeValueAsString(node));
            } else {
                String shown = Terminal.visibleLines(prompt.text());
                out.print(shown);
                if (!shown.endsWith("\n")) out.println();
                out.println("--- " + prompt.length() + " tokens" + (prompt.startsInThinking() ? ", ends inside <think>" : ""));
                out.println(Arrays.stream(prompt.ids()).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
            }
        }
        return 0;
    }
}

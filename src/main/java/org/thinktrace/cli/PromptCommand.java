package org.thinktrace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.thinktrace.generate.EncodedPrompt;
import org.thinktrace.generate.ModelText;
import org.thinktrace.text.ChatTurn;

/**
 * {@code thinktrace prompt --conversation FILE.json}: prints the exact prompt text a conversation renders to
 * with the model's chat template (generation prompt added), then its token ids; {@code --json} prints one
 * object {@code {"text":…,"ids":[…]}} instead. Needs only the model's tokenizer files, no weights.
 */
final class PromptCommand implements CliCommand {

    @Override
    public String name() {
        return "prompt";
    }

    @Override
    public String summary() {
        return "show the exact prompt text and token ids a conversation renders to";
    }

    @Override
    public String usage() {
        return """
                usage: thinktrace prompt --conversation FILE.json [--model DIR] [--json]
                  --conversation FILE.json  a JSON list of {"role", "content"} messages (required)
                  --model DIR               whose tokenizer and chat template (default: the bundled model)
                  --json                    one object {"text":…,"ids":[…]} (default: text, then the ids)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("--conversation", "--model"), Set.of("--json"));
        line.requireNoPositional();
        String file = line.value("--conversation");
        if (file == null) {
            throw new UsageException("--conversation FILE.json is needed (a JSON list of {\"role\", \"content\"} messages)");
        }
        List<ChatTurn> turns = ConversationFile.read(Path.of(file));
        String model = line.value("--model");
        try (ModelText text = ModelChoice.loadText(model == null ? null : Path.of(model))) {
            EncodedPrompt prompt = text.codec().encodeConversation(turns);
            if (line.has("--json")) {
                ObjectMapper json = new ObjectMapper();
                ObjectNode node = json.createObjectNode().put("text", prompt.text());
                Arrays.stream(prompt.ids()).forEach(node.putArray("ids")::add);
                out.println(json.writeValueAsString(node));
            } else {
                out.println(Terminal.visibleLines(prompt.text()));
                out.println("--- " + prompt.length() + " tokens" + (prompt.startsInThinking() ? ", ends inside <think>" : ""));
                out.println(Arrays.stream(prompt.ids()).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
            }
        }
        return 0;
    }
}

package org.thinktrace.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.thinktrace.generate.CompletionRequest;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.text.ChatTurn;

/**
 * {@code thinktrace ask "question"}: one question, the thinking streamed (faint on a terminal) then the
 * answer and a stats line; {@code --json} writes JSON lines instead; {@code --raw} continues the text as is,
 * with no chat template (base models). Ctrl+C cancels the generation: its stats (or {@code done} line, reason
 * {@code cancelled}) are still printed before the process ends. {@code --remote URL --remote-model NAME} asks an
 * OpenAI-compatible server instead of the local model.
 */
final class AskCommand implements CliCommand {

    private static final Set<String> SWITCHES = Set.of("--json", "--raw");

    @Override
    public String name() {
        return "ask";
    }

    @Override
    public String summary() {
        return "answer one question, streaming the thinking and the answer (--json, --raw)";
    }

    @Override
    public String usage() {
        return "usage: thinktrace ask [options] \"question\"\n"
                + "  --json                    JSON lines: prompt, one per token, done (default: text for a terminal)\n"
                + "  --raw                     continue the text as is, no chat template (base models; default off)\n"
                + GenerationFlags.HELP
                + GeneratorChoice.HELP;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, GenerationFlags.valuedPlus("--remote", "--remote-model"), SWITCHES);
        GenerationFlags flags = GenerationFlags.from(line);
        String question = String.join(" ", line.positional());
        if (question.isBlank()) throw new UsageException("a question is needed\n" + usage());
        boolean json = line.has("--json");
        boolean raw = line.has("--raw");
        if (raw && line.has("--remote")) throw new UsageException("--raw needs a local model; it cannot be used with --remote");
        GenerationCanceller canceller = new GenerationCanceller();
        try (GeneratorChoice choice = GeneratorChoice.open(line, flags);
             CancelOnShutdown onCtrlC = CancelOnShutdown.install(canceller, err)) {
            Consumer<GenerationEvent> printer = json ? new JsonLinesPrinter(out, err)
                    : new TerminalPrinter(out, err, Terminal.supportsStyles(), true);
            if (raw && !json) out.print(question);
            GenerationHandle handle = raw
                    ? choice.local().complete(new CompletionRequest(question, flags.sampling(), flags.maxTokens(),
                            flags.stopStrings()), printer)
                    : choice.generator().start(new GenerationRequest(List.of(ChatTurn.user(question)), flags.sampling(),
                            flags.maxTokens(), flags.thinkingBudget(), flags.stopStrings()), printer);
            return exitCode(canceller.await(handle), err);
        }
    }

    /** 0 for a finished generation; 1 with the message on stderr for a failed one. */
    static int exitCode(GenerationEvent last, PrintStream err) {
        if (last instanceof GenerationEvent.Failed failed) {
            err.println("thinktrace: " + failed.message());
            return 1;
        }
        return 0;
    }
}

package org.thinktrace.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.thinktrace.generate.CompletionRequest;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thinktrace ask "question"}: one question, the thinking streamed (faint on a terminal) then the
 * answer and a stats line; {@code --conversation FILE} answers the next turn of a conversation instead;
 * {@code --json} writes JSON lines; {@code --raw} continues the text as is, with no chat template (base
 * models). Ctrl+C cancels the generation: its stats (or {@code done} line, reason {@code cancelled}) are still
 * printed before the process ends. {@code --remote URL --remote-model NAME} asks an OpenAI-compatible server instead
 * of the local model.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "answer one question, streaming the thinking and the answer")
final class AskCommand implements Callable<Integer> {

    private final CommandIo io;

    @Mixin
    GenerationOptions generation;

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Option(names = "--json", description = "JSON lines: prompt, one per token, done (default: text for a terminal)")
    boolean json;

    @Option(names = "--raw", description = "continue the text as is, no chat template (base models; default off)")
    boolean raw;

    @Option(names = "--conversation", paramLabel = "FILE.json",
            description = "answer the next turn of this conversation: a JSON list of {\"role\", \"content\"} messages"
                    + " or a conversation file of the app; a question, if given, is added as a user turn (default none)")
    Path conversation;

    @Parameters(paramLabel = "QUESTION", arity = "0..*", description = "the question (required without --conversation)")
    List<String> words = new ArrayList<>();

    AskCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        GenerationFlags flags = generation.flags();
        String question = String.join(" ", words);
        if (raw && conversation != null) throw new UsageException("--raw continues one text; it takes no --conversation");
        if (raw && remote.isRemote()) throw new UsageException("--raw needs a local model; it cannot be used with --remote");
        List<ChatTurn> turns = turns(question);
        PrintStream out = io.out();
        PrintStream err = io.err();
        GenerationCanceller canceller = new GenerationCanceller();
        try (GeneratorChoice choice = GeneratorChoice.open(remote, flags);
             CancelOnShutdown onCtrlC = CancelOnShutdown.install(canceller, err)) {
            Consumer<GenerationEvent> printer = json ? new JsonLinesPrinter(out, err)
                    : new TerminalPrinter(out, err, Terminal.supportsStyles(), true);
            if (raw && !json) out.print(question);
            GenerationHandle handle = raw
                    ? choice.local().complete(new CompletionRequest(question, flags.sampling(), flags.maxTokens(),
                            flags.stopStrings()), printer)
                    : choice.generator().start(new GenerationRequest(turns, flags.sampling(),
                            flags.maxTokens(), flags.thinkingBudget(), flags.stopStrings()), printer);
            return exitCode(canceller.await(handle), err);
        }
    }

    /** The conversation to answer: the file's turns, then the question as a user turn when there is one. */
    private List<ChatTurn> turns(String question) throws UsageException {
        List<ChatTurn> turns = new ArrayList<>();
        if (conversation != null) turns.addAll(ConversationFile.read(conversation));
        if (!question.isBlank()) turns.add(ChatTurn.user(question));
        if (turns.isEmpty()) throw new UsageException("a question is needed (or --conversation FILE.json)");
        if (turns.getLast().role() != Role.USER) {
            throw new UsageException(conversation + ": the last message is the " + turns.getLast().role().templateName()
                    + "'s, not the user's; give a question to add as the user's next turn");
        }
        return turns;
    }

    /** 0 for a finished generation; 1 with the message on stderr for a failed one. */
    static int exitCode(GenerationEvent last, PrintStream err) {
        if (last instanceof GenerationEvent.Failed failed) {
            err.println("thinktrace: " + Terminal.visibleLines(failed.message()));
            return 1;
        }
        return 0;
    }
}

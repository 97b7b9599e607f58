package org.thinktrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.ChatSession;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.SeedMode;
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.text.ChatTurn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code thinktrace chat}: an interactive multi-turn session. Each line is a user turn; commands:
 * {@code /reset} (forget the conversation), {@code /think on|off} (show or hide the thinking),
 * {@code /save FILE} (the conversation as JSON, readable by {@code prompt --conversation}), {@code /exit}.
 * On a terminal, lines are edited with JLine and kept in a history; end of input (Ctrl+D, or Ctrl+C at the
 * prompt) ends the session. A failed turn is reported on stderr and left out of the conversation.
 * Ctrl+C during an answer cancels only that answer (its stats line is printed, the turn is left out of the
 * conversation) and returns to the prompt.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "interactive multi-turn chat (/reset, /think on|off, /save FILE, /exit)")
final class ChatCommand implements Callable<Integer> {

    private final CommandIo io;

    @Mixin
    GenerationOptions generation;

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    ChatCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        GenerationFlags flags = generation.flags();
        PrintStream out = io.out();
        PrintStream err = io.err();
        InputStream in = io.in().get();
        if (in == System.in && StandardInput.isClosed()) {
            throw new UsageException("standard input is closed; chat reads the user's lines from it");
        }
        boolean styles = Terminal.supportsStyles();
        GenerationCanceller canceller = new GenerationCanceller();
        try (GeneratorChoice choice = GeneratorChoice.open(remote, flags);
             ChatLines lines = ChatLines.open(in, out, in == System.in && Terminal.interactive());
             AutoCloseable onCtrlC = lines instanceof ChatLines.Editing editing ? editing.cancelOnInterrupt(canceller)
                     : cancelOnCtrlC(canceller, err)) {
            TextGenerator generator = choice.generator();
            out.println("Chatting with " + generator.modelName() + " (" + generator.deviceDescription()
                    + "). Commands: /reset, /think on|off, /save FILE, /exit; Ctrl+C stops an answer");
            Session session = new Session(generator, flags, canceller, new TerminalPrinter(out, err, styles, true), out, err);
            while (true) {
                String typed = lines.next();
                if (typed == null || !session.handle(typed.strip())) break;
            }
            out.println();
            return 0;
        }
    }

    /** Ctrl+C cancels the running answer and leaves the chat open; where SIGINT cannot be handled, it ends the chat after the answer's stats. */
    private static AutoCloseable cancelOnCtrlC(GenerationCanceller canceller, PrintStream err) {
        try {
            return InterruptKey.install(canceller);
        } catch (IllegalArgumentException e) {
            err.println("(Ctrl+C cannot be handled in this JVM (" + e.getMessage()
                    + "): it will end the chat after the running answer's stats)");
            return CancelOnShutdown.install(canceller, err);
        }
    }

    /**
     * The handling of one typed line, over a {@link ChatSession} that keeps the conversation in memory only: a
     * chat on the command line is kept when the user asks ({@code /save FILE}), not in the app's data folder,
     * which the app may hold open at the same time.
     */
    private static final class Session {
        private final TextGenerator generator;
        private final GenerationFlags flags;
        private final AppSettings settings;
        private final GenerationCanceller canceller;
        private final TerminalPrinter printer;
        private final PrintStream out;
        private final PrintStream err;
        private ChatSession chat;

        Session(TextGenerator generator, GenerationFlags flags, GenerationCanceller canceller, TerminalPrinter printer,
                PrintStream out, PrintStream err) {
            this.generator = generator;
            this.flags = flags;
            // the seed of --seed (or its default) every turn: the same run gives the same text
            this.settings = new AppSettings(flags.sampling(), SeedMode.FIXED, flags.maxTokens(), flags.thinkingBudget(),
                    "", false, Theme.LIGHT, AppSettings.DEFAULT_FONT_SIZE, null);
            this.canceller = canceller;
            this.printer = printer;
            this.out = out;
            this.err = err;
            this.chat = newChat();
        }

        private ChatSession newChat() {
            return ChatSession.inMemory(Conversation.start(System.currentTimeMillis()), Clock.systemUTC(),
                    flags.stopStrings());
        }

        /** @return false when the session should end */
        boolean handle(String typed) throws Exception {
            if (typed.isEmpty()) return true;
            if (!typed.startsWith("/")) {
                ask(typed);
                return true;
            }
            String[] parts = typed.split("\\s+", 2);
            String argument = parts.length > 1 ? parts[1].strip() : "";
            switch (parts[0]) {
                case "/exit", "/quit" -> {
                    return false;
                }
                case "/reset" -> {
                    chat = newChat();
                    out.println("(conversation cleared)");
                }
                case "/think" -> think(argument);
                case "/save" -> save(argument);
                default -> err.println("unknown command " + parts[0] + "; commands: /reset, /think on|off, /save FILE, /exit");
            }
            return true;
        }

        /** Asks {@code question}; a cancelled or failed turn is left out of the conversation, question and all. */
        private void ask(String question) throws Exception {
            printer.nextResponse();
            CompletableFuture<GenerationEvent> end = new CompletableFuture<>();
            String responseId = chat.send(question, generator, settings, event -> {
                printer.accept(event);
                if (event instanceof GenerationEvent.Finished || event instanceof GenerationEvent.Failed) {
                    end.complete(event);
                }
            });
            GenerationEvent last = canceller.await(new SessionHandle(chat, end));
            if (last instanceof GenerationEvent.Finished finished && finished.reason() != FinishReason.CANCELLED) {
                return;
            }
            Conversation conversation = chat.conversation();
            chat.deleteMessage(conversation.messages().get(conversation.indexOf(responseId) - 1).id());
            if (last instanceof GenerationEvent.Finished) {
                out.println("(cancelled: this question is left out of the conversation)");
            } else {
                AskCommand.exitCode(last, err);
            }
        }

        private void think(String argument) {
            switch (argument) {
                case "on" -> printer.showThinking(true);
                case "off" -> printer.showThinking(false);
                default -> {
                    err.println("use /think on or /think off");
                    return;
                }
            }
            out.println("(thinking " + (argument.equals("on") ? "shown" : "hidden") + ")");
        }

        private void save(String argument) {
            if (argument.isEmpty()) {
                err.println("use /save FILE");
                return;
            }
            Conversation conversation = chat.conversation();
            List<ChatTurn> turns = conversation.turns(conversation.messages().size(), "");
            try {
                ConversationFile.write(Path.of(argument), turns);
                out.println("(saved " + turns.size() + " messages to " + argument + ")");
            } catch (IOException e) {
                err.println("could not save to " + argument + ": " + Terminal.visibleLines(e.getMessage()));
            }
        }
    }

    /** The response a session is generating, as a handle: cancelling stops it, {@code done} is its last event. */
    private record SessionHandle(ChatSession chat, CompletableFuture<GenerationEvent> done) implements GenerationHandle {
        @Override
        public void cancel() {
            chat.stop();
        }
    }
}

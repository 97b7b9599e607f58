package org.thinktrace.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.TerminalBuilder;
import org.thinktrace.log.LogFolder;

/**
 * Where {@code chat} reads the user's lines: on a terminal, JLine (line editing, history kept between sessions
 * in the log folder); otherwise plain lines of standard input. Null from {@link #next()} ends the chat.
 */
interface ChatLines extends AutoCloseable {

    /** The next typed line, or null at the end of input (Ctrl+D, Ctrl+C at the prompt, end of a pipe). */
    String next() throws IOException;

    @Override
    void close() throws IOException;

    /** JLine on an interactive terminal, plain lines of {@code in} otherwise. */
    static ChatLines open(InputStream in, PrintStream out, boolean terminal) throws IOException {
        return terminal ? new Editing() : new Plain(in, out);
    }

    /** Lines of a stream, each after a "> " prompt. */
    final class Plain implements ChatLines {
        private final BufferedReader reader;
        private final PrintStream out;

        Plain(InputStream in, PrintStream out) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
        }

        @Override
        public String next() throws IOException {
            out.print("> ");
            out.flush();
            return reader.readLine();
        }

        @Override
        public void close() {
            // the stream belongs to the caller
        }
    }

    /**
     * JLine's line editor with a history file. JLine owns the terminal's signals, so Ctrl+C goes through it:
     * at the prompt it ends the chat, during an answer {@link #cancelOnInterrupt} cancels the answer.
     */
    final class Editing implements ChatLines {
        private final org.jline.terminal.Terminal terminal;
        private final LineReader reader;

        Editing() throws IOException {
            terminal = TerminalBuilder.builder().system(true).build();
            Path history = LogFolder.current().resolve("chat-history");
            try {
                Files.createDirectories(history.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder of the chat history " + history, e);
            }
            reader = LineReaderBuilder.builder().appName("thinktrace").terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, history)
                    .build();
        }

        /** Ctrl+C outside the prompt cancels the running generation; closing restores the previous handling. */
        AutoCloseable cancelOnInterrupt(GenerationCanceller canceller) {
            org.jline.terminal.Terminal.SignalHandler previous = terminal.handle(org.jline.terminal.Terminal.Signal.INT,
                    signal -> canceller.interrupt(GenerationCanceller.FINISH_WAIT));
            return () -> terminal.handle(org.jline.terminal.Terminal.Signal.INT, previous);
        }

        @Override
        public String next() {
            try {
                return reader.readLine("> ");
            } catch (UserInterruptException | EndOfFileException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            reader.getHistory().save();
            terminal.close();
        }
    }
}

package org.thinktrace.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.export.MarkdownExport;
import org.thinktrace.chat.export.TraceExport;
import org.thinktrace.chat.store.ConversationFormat;
import org.thinktrace.files.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace export --conversation FILE --format md|json [--out FILE]}: a conversation file of the app as
 * Markdown (thinking in {@code <details>} blocks) or as JSON with every version's full trace, settings and model
 * (the input of {@code thinktrace replay}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "export a conversation of the app as Markdown or as JSON with the full trace")
final class ExportCommand implements Callable<Integer> {

    private final CommandIo io;

    @Option(names = "--conversation", paramLabel = "FILE", description = "a conversation file of the app (required)")
    Path conversation;

    @Option(names = "--format", paramLabel = "md|json", description = "md or json (default: ${DEFAULT-VALUE})")
    String format = "md";

    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: standard output)")
    Path out;

    ExportCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("md") && !format.equals("json")) {
            throw new UsageException("--format is '" + format + "'; expected md or json");
        }
        if (conversation == null) throw new UsageException("--conversation FILE is needed (a conversation file of the app)");
        if (!Files.exists(conversation)) throw new UsageException(conversation + " does not exist");
        Conversation c;
        try {
            c = ConversationFormat.read(conversation);
        } catch (IOException e) { // names the file
            throw new UsageException(e.getMessage(), e);
        }
        String text = format.equals("md") ? MarkdownExport.render(c) : TraceExport.render(c);
        if (out == null) {
            io.out().print(text);
            return 0;
        }
        if (Files.exists(out) && Files.isSameFile(out, conversation)) {
            throw new UsageException("--out " + out + " is the conversation file itself; the export would replace it");
        }
        try {
            AtomicFiles.writeShared(out, stream -> stream.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IOException("could not write " + out + ": " + e.getMessage(), e);
        }
        io.err().println("exported " + c.messages().size() + " messages to " + out);
        return 0;
    }
}

package org.thinktrace.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.serve.OpenAiServer;
import org.thinktrace.serve.ReasoningField;
import org.thinktrace.serve.ServeLimits;
import org.thinktrace.serve.ServeOptions;

/**
 * {@code thinktrace serve}: the model behind an OpenAI-compatible HTTP API until Ctrl+C. The options are
 * checked before the model loads (binding beyond loopback without {@code --api-key} is refused at once).
 */
final class ServeCommand implements CliCommand {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "serve the model over an OpenAI-compatible HTTP API (/v1/chat/completions, /v1/models)";
    }

    @Override
    public String usage() {
        return """
                usage: thinktrace serve [options]   (Ctrl+C stops)
                  --model DIR               model folder (default: the bundled models/thinktrace-r1-tiny)
                  --host ADDRESS            address to listen on (default 127.0.0.1; any other needs --api-key)
                  --port N                  TCP port (default 8080; 0 = any free port)
                  --api-key KEY             require Authorization: Bearer KEY on /v1 requests (default: none)
                  --reasoning-field NAME    reasoning_content or reasoning: where the thinking goes (default reasoning_content)
                  --context N               limit the context window to N tokens (default 0 = the model's own, at most 16384)
                  --max-waiting N           requests that may wait behind the running one; more get 429 (default 64)
                  --max-tokens N            the largest max_tokens a request may ask for, and the default (default 32768)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("--model", "--host", "--port", "--api-key",
                "--reasoning-field", "--context", "--max-waiting", "--max-tokens"), Set.of());
        line.requireNoPositional();
        ServeOptions options = options(line);
        int context = line.intValue("--context", 0);
        if (context < 0) throw new UsageException("--context must be >= 0, got " + context);
        String model = line.value("--model");
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(); // the JVM stays up until the server and the model are closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "thinktrace-serve-stop");
        try (ModelBundle bundle = ModelChoice.load(model == null ? null : Path.of(model), context);
             OpenAiServer server = OpenAiServer.start(bundle.generator(), options)) {
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("serving " + bundle.generator().modelName() + " (" + bundle.generator().deviceDescription()
                    + ") at " + server.baseUri() + (options.apiKey() == null ? "" : " (API key required)")
                    + "; Ctrl+C stops");
            out.flush();
            stop.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    static ServeOptions options(CommandLine line) throws UsageException {
        int waiting = line.intValue("--max-waiting", ServeLimits.DEFAULT_MAX_WAITING);
        int maxTokens = line.positiveIntValue("--max-tokens", ServeLimits.DEFAULT_MAX_TOKENS);
        int port = line.intValue("--port", ServeOptions.DEFAULT_PORT);
        try {
            ServeLimits limits = ServeLimits.defaults().withMaxWaiting(waiting).withMaxTokens(maxTokens);
            return new ServeOptions(
                    line.value("--host") == null ? ServeOptions.DEFAULT_HOST : line.value("--host"),
                    port,
                    line.value("--api-key"),
                    line.value("--reasoning-field") == null ? ReasoningField.REASONING_CONTENT
                            : ReasoningField.named(line.value("--reasoning-field")),
                    limits);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

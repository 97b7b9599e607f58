package org.thinktrace.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.serve.OpenAiServer;
import org.thinktrace.serve.ReasoningField;
import org.thinktrace.serve.ServeLimits;
import org.thinktrace.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace serve}: the model behind an OpenAI-compatible HTTP API until Ctrl+C. The options are
 * checked before the model loads (binding beyond loopback without {@code --api-key} is refused at once).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "serve the model over an OpenAI-compatible HTTP API (/v1/chat/completions, /v1/models); Ctrl+C stops")
final class ServeCommand implements Callable<Integer> {

    private final CommandIo io;

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "model folder or GGUF file (default: the bundled models/thinktrace-r1-tiny)")
    Path model;

    @Mixin
    PrecisionOption precision = new PrecisionOption();

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "address to listen on (default ${DEFAULT-VALUE}; any other needs --api-key)")
    String host = ServeOptions.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port = ServeOptions.DEFAULT_PORT;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "require Authorization: Bearer KEY on /v1 requests (default: none)")
    String apiKey;

    @Option(names = "--reasoning-field", paramLabel = "NAME",
            description = "reasoning_content or reasoning: where the thinking goes (default reasoning_content)")
    String reasoningField;

    @Option(names = "--context", paramLabel = "N",
            description = "context window in tokens, up to the model's own (default 0: the model's own, capped at 16384)")
    int context;

    @Option(names = "--max-waiting", paramLabel = "N",
            description = "requests that may wait behind the running ones; more get 429 (default ${DEFAULT-VALUE})")
    int maxWaiting = ServeLimits.DEFAULT_MAX_WAITING;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "the largest max_tokens a request may ask for, and the default (default ${DEFAULT-VALUE})")
    int maxTokens = ServeLimits.DEFAULT_MAX_TOKENS;

    ServeCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = io.out();
        ServeOptions options = options();
        if (context < 0) throw new UsageException("--context must be >= 0, got " + context);
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
        try (LoadedModel loaded = ModelChoice.load(model, context, precision.choice());
             OpenAiServer server = OpenAiServer.start(loaded.generator(), options)) {
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("serving " + loaded.generator().modelName() + " (" + loaded.generator().deviceDescription()
                    + ") at " + server.baseUri() + (options.apiKey() == null ? "" : " (API key required)")
                    + "; Ctrl+C stops");
            out.flush();
            stop.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    ServeOptions options() throws UsageException {
        if (maxTokens < 1) throw new UsageException("--max-tokens must be at least 1, got " + maxTokens);
        if (port < 0 || port > 65535) throw new UsageException("--port must be 0 to 65535, got " + port);
        int waiting = maxWaiting;
        try {
            ServeLimits limits = ServeLimits.defaults().withMaxWaiting(waiting).withMaxTokens(maxTokens);
            return new ServeOptions(
                    host,
                    port,
                    apiKey,
                    reasoningField == null ? ReasoningField.REASONING_CONTENT : ReasoningField.named(reasoningField),
                    limits);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

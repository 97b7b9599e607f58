package org.thinktrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.remote.SseEvent;
import org.thinktrace.remote.SseReader;
import org.thinktrace.serve.OpenAiServer;
import org.thinktrace.serve.ServeOptions;
import org.thinktrace.text.ChatTurn;

/**
 * {@code thinktrace serve-bench}: what streaming through {@code thinktrace serve} costs. One model, one question,
 * greedy, so both ways do the same model work and generate the same tokens (five alternatives per token, no stop
 * strings, no thinking budget): runs alternate between a local generation and the same request streamed over HTTP
 * from a server on 127.0.0.1 (logprobs on, so every token has its chunk). Warm-up runs each way come first, so that
 * both paths are compiled by the JIT as in a server that has been answering for a while. Reports the medians of the
 * first-token latency (from the call, or from sending the request, to the first token) and of the decode speed
 * (tokens after the first over the time from the first to the last), side by side. It also reports the process's
 * CPU time per generated token each way: over HTTP without the benchmark's client, which runs entirely on the
 * calling thread (a blocking {@link HttpURLConnection}, whose reads happen on the thread that reads the stream)
 * and only counts the tokens in each event instead of parsing it. On a busy machine wall-clock speed swings with
 * the other load, while the CPU that streaming adds per token is what the server costs.
 */
@Command(name = "serve-bench", mixinStandardHelpOptions = true,
        description = "measure streaming through serve against local decode (first token, tokens/s)")
final class ServeBenchCommand implements Callable<Integer> {

    static final String QUESTION = "Sort these numbers: 42, 7, 19, 3, 88, 56, 21.";

    private final CommandIo io;

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "model folder or GGUF file (default: the bundled models/thinktrace-r1-tiny)")
    Path model;

    @Mixin
    PrecisionOption precision = new PrecisionOption();

    @Option(names = "--runs", paramLabel = "N",
            description = "runs each way, alternating; medians are reported (default ${DEFAULT-VALUE})")
    int runs = 5;

    @Option(names = "--max-tokens", paramLabel = "N", description = "most tokens per run (default ${DEFAULT-VALUE})")
    int maxTokens = 256;

    @Option(names = "--warmup", paramLabel = "N",
            description = "unmeasured runs each way before the measured ones (default ${DEFAULT-VALUE})")
    int warmup = 10;

    ServeBenchCommand(CommandIo io) {
        this.io = io;
    }

    /**
     * The figures of one run; the CPU figures are NaN when the JVM cannot measure CPU time.
     *
     * @param cpuMsPerToken       the whole process's CPU time per token, without the benchmark's client
     * @param serverCpuMsPerToken the part of it spent on the HTTP server's threads ({@link #isServerThread})
     */
    record Run(double firstTokenMs, double tokensPerSecond, int tokens, double cpuMsPerToken,
               double serverCpuMsPerToken) {
    }

    /**
     * The threads that run the HTTP server: the carriers of the virtual threads the server handles requests on
     * (whose CPU time includes the handler's while it is mounted), the timer thread that ends their timed waits
     * ({@code ForkJoinPool-1-delayScheduler} on Java 25, {@code VirtualThread-unparker} on Java 21), the server's
     * own threads and the request queue. The model thread's hand-off of each token to the handler is counted with the model thread, not here.
     */
    static boolean isServerThread(String name) {
        return name.startsWith("ForkJoinPool-") || name.startsWith("server-") || name.startsWith("thinktrace-serve")
                || name.equals("VirtualThread-unparker");
    }

    /** CPU time of the live server threads in nanoseconds, or −1. */
    private static long serverCpuNanos() {
        if (!THREADS.isThreadCpuTimeSupported()) return -1;
        long sum = 0;
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || !isServerThread(info.getThreadName())) continue;
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) sum += nanos;
        }
        return sum;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the whole process in nanoseconds, or −1. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private static double cpuMsPerToken(long processNanos, long ownThreadNanos, int tokens) {
        return processNanos < 0 || tokens == 0 ? Double.NaN : (processNanos - ownThreadNanos) / 1e6 / tokens;
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) throw new UsageException("--runs must be at least 1, got " + runs);
        if (maxTokens < 1) throw new UsageException("--max-tokens must be at least 1, got " + maxTokens);
        if (warmup < 0) throw new UsageException("--warmup must be at least 0, got " + warmup);
        PrintStream out = io.out();
        GenerationRequest request = new GenerationRequest(List.of(ChatTurn.user(QUESTION)), SamplingSettings.greedy(),
                maxTokens, 0, List.of());
        try (LoadedModel loaded = ModelChoice.load(model, 0, precision.choice());
             OpenAiServer server = OpenAiServer.start(loaded.generator(), ServeOptions.loopback())) {
            TextGenerator generator = loaded.generator();
            byte[] body = body(generator.modelName(), maxTokens);
            out.printf("model            %s (%s)%n", generator.modelName(), generator.deviceDescription());
            out.printf("question         \"%s\", greedy, at most %d tokens, %d runs each way after %d warm-up runs%n",
                    QUESTION, maxTokens, runs, warmup);
            for (int i = 0; i < warmup; i++) { // JIT, caches, the first HTTP connection
                local(generator, request);
                streamed(server.baseUri(), body);
            }
            List<Run> local = new ArrayList<>();
            List<Run> served = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                local.add(local(generator, request));
                served.add(streamed(server.baseUri(), body));
            }
            report(out, local, served);
        }
        return 0;
    }

    /** The request: greedy, logprobs without alternatives (so every {@code token_id} in the stream is one token). */
    private static byte[] body(String model, int maxTokens) {
        ObjectMapper json = new ObjectMapper();
        var root = json.createObjectNode().put("model", model).put("stream", true).put("temperature", 0)
                .put("max_tokens", maxTokens).put("logprobs", true);
        root.putArray("messages").addObject().put("role", "user").put("content", QUESTION);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One local generation, timed from {@code start} to its tokens. */
    private static Run local(TextGenerator generator, GenerationRequest request) throws Exception {
        long[] times = new long[2];
        int[] count = new int[1];
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        GenerationEvent last = generator.start(request, e -> {
            if (e instanceof GenerationEvent.TokenInfo) {
                long now = System.nanoTime();
                if (count[0]++ == 0) times[0] = now;
                times[1] = now;
            }
        }).done().get(10, TimeUnit.MINUTES);
        if (last instanceof GenerationEvent.Failed f) throw new IllegalStateException("local generation failed: " + f.message());
        return run(start, times, count[0], cpuMsPerToken(cpu < 0 ? -1 : processCpuNanos() - cpu, 0, count[0]), 0);
    }

    /**
     * One streamed request, timed from sending it to the events that carry a token's logprob. Everything the client
     * does (writing the request, reading and splitting the stream) happens on this thread, so its CPU time is
     * exactly what is left out of the server's.
     */
    private static Run streamed(URI base, byte[] body) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(base + "/chat/completions").toURL().openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setFixedLengthStreamingMode(body.length);
        http.setRequestProperty("Content-Type", "application/json");
        http.setReadTimeout(10 * 60 * 1000);
        long[] times = new long[2];
        int count = 0;
        long cpu = processCpuNanos();
        long serverCpu = serverCpuNanos();
        long ownCpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (OutputStream out = http.getOutputStream()) {
            out.write(body);
        }
        int status = http.getResponseCode();
        if (status != 200) {
            try (InputStream error = http.getErrorStream()) {
                throw new IllegalStateException("the server answered " + status + ": "
                        + (error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        try (SseReader events = new SseReader(http.getInputStream())) {
            for (SseEvent event; (event = events.next()) != null; ) {
                if (event.data().equals("[DONE]")) break;
                long now = System.nanoTime();
                int tokens = tokensIn(event.data());
                if (tokens > 0) {
                    if (count == 0) times[0] = now;
                    times[1] = now;
                    count += tokens;
                }
            }
        }
        long processNanos = cpu < 0 ? -1 : processCpuNanos() - cpu;
        double perToken = cpuMsPerToken(processNanos, THREADS.getCurrentThreadCpuTime() - ownCpu, count);
        double serverPerToken = cpuMsPerToken(serverCpu < 0 ? -1 : serverCpuNanos() - serverCpu, 0, count);
        return run(start, times, count, perToken, serverPerToken);
    }

    /**
     * The tokens whose logprobs a chunk carries: its {@code "token_id":} keys, one per entry of
     * {@code logprobs.content} when no alternatives are asked for (a token's own text cannot contain the key
     * unescaped, since its quotes are escaped in JSON).
     */
    static int tokensIn(String chunk) {
        int count = 0;
        for (int i = chunk.indexOf(TOKEN_ID_KEY); i >= 0; i = chunk.indexOf(TOKEN_ID_KEY, i + TOKEN_ID_KEY.length())) {
            count++;
        }
        return count;
    }

    private static final String TOKEN_ID_KEY = "\"token_id\":";

    private static Run run(long start, long[] times, int tokens, double cpuMsPerToken, double serverCpuMsPerToken) {
        double firstMs = tokens == 0 ? Double.NaN : (times[0] - start) / 1e6;
        double seconds = (times[1] - times[0]) / 1e9;
        return new Run(firstMs, tokens > 1 && seconds > 0 ? (tokens - 1) / seconds : Double.NaN, tokens, cpuMsPerToken,
                serverCpuMsPerToken);
    }

    static void report(PrintStream out, List<Run> local, List<Run> served) {
        double localFirst = median(local.stream().mapToDouble(Run::firstTokenMs).toArray());
        double servedFirst = median(served.stream().mapToDouble(Run::firstTokenMs).toArray());
        double localRate = median(local.stream().mapToDouble(Run::tokensPerSecond).toArray());
        double servedRate = median(served.stream().mapToDouble(Run::tokensPerSecond).toArray());
        out.printf("tokens per run   %d local, %d over HTTP%n", local.get(0).tokens(), served.get(0).tokens());
        out.printf("                 %-12s %-12s %s%n", "local", "over HTTP", "difference");
        out.printf("first token      %-12s %-12s %+.2f ms%n", String.format("%.2f ms", localFirst),
                String.format("%.2f ms", servedFirst), servedFirst - localFirst);
        out.printf("decode           %-12s %-12s %+.1f %%%n", String.format("%.1f tok/s", localRate),
                String.format("%.1f tok/s", servedRate), 100 * (servedRate - localRate) / localRate);
        double localCpu = median(local.stream().mapToDouble(Run::cpuMsPerToken).toArray());
        double servedCpu = median(served.stream().mapToDouble(Run::cpuMsPerToken).toArray());
        out.printf("CPU per token    %-12s %-12s %+.1f %%%n", String.format("%.3f ms", localCpu),
                String.format("%.3f ms", servedCpu), 100 * (servedCpu - localCpu) / localCpu);
        double serverCpu = median(served.stream().mapToDouble(Run::serverCpuMsPerToken).toArray());
        out.printf("  HTTP server    %-12s %-12s (its threads' share of the CPU per token)%n", "-",
                String.format("%.3f ms", serverCpu));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

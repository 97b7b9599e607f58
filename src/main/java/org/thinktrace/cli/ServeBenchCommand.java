package org.thinktrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * greedy, so both ways generate the same tokens: runs alternate between a local generation and the same request
 * streamed over HTTP from a server on 127.0.0.1 (logprobs on, so every token has its chunk). Reports the medians
 * of the first-token latency (from the call, or from sending the request, to the first token) and of the decode
 * speed (tokens after the first over the time from the first to the last), side by side. It also reports the
 * process's CPU time per generated token each way (over HTTP without the benchmark's own client thread, which
 * reads and parses the stream): on a busy machine wall-clock speed swings with the other load, while the CPU
 * that streaming adds per token is what the server costs.
 */
@Command(name = "serve-bench", mixinStandardHelpOptions = true,
        description = "measure streaming through serve against local decode (first token, tokens/s)")
final class ServeBenchCommand implements Callable<Integer> {

    static final String QUESTION = "Sort these numbers: 42, 7, 19, 3, 88, 56, 21.";

    private final CommandIo io;

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "model folder or GGUF file (default: the bundled models/thinktrace-r1-tiny)")
    Path model;

    @Option(names = "--runs", paramLabel = "N",
            description = "runs each way, alternating; medians are reported (default ${DEFAULT-VALUE})")
    int runs = 5;

    @Option(names = "--max-tokens", paramLabel = "N", description = "most tokens per run (default ${DEFAULT-VALUE})")
    int maxTokens = 256;

    ServeBenchCommand(CommandIo io) {
        this.io = io;
    }

    /** The figures of one run; {@code cpuMsPerToken} is NaN when the JVM cannot measure CPU time. */
    record Run(double firstTokenMs, double tokensPerSecond, int tokens, double cpuMsPerToken) {
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
        PrintStream out = io.out();
        GenerationRequest request = new GenerationRequest(List.of(ChatTurn.user(QUESTION)), SamplingSettings.greedy(),
                maxTokens, 0, List.of());
        try (LoadedModel loaded = ModelChoice.load(model, 0);
             OpenAiServer server = OpenAiServer.start(loaded.generator(), ServeOptions.loopback())) {
            TextGenerator generator = loaded.generator();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = body(generator.modelName(), maxTokens);
            out.printf("model            %s (%s)%n", generator.modelName(), generator.deviceDescription());
            out.printf("question         \"%s\", greedy, at most %d tokens, %d runs each way%n", QUESTION, maxTokens, runs);
            local(generator, request); // warm-up: JIT, caches, the first HTTP connection
            streamed(http, server.baseUri(), body);
            List<Run> local = new ArrayList<>();
            List<Run> served = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                local.add(local(generator, request));
                served.add(streamed(http, server.baseUri(), body));
            }
            report(out, local, served);
        }
        return 0;
    }

    private static String body(String model, int maxTokens) {
        ObjectMapper json = new ObjectMapper();
        var root = json.createObjectNode().put("model", model).put("stream", true).put("temperature", 0)
                .put("max_tokens", maxTokens).put("logprobs", true);
        root.putArray("messages").addObject().put("role", "user").put("content", QUESTION);
        return root.toString();
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
        return run(start, times, count[0], cpuMsPerToken(cpu < 0 ? -1 : processCpuNanos() - cpu, 0, count[0]));
    }

    /** One streamed request, timed from sending it to the chunks that carry a token's logprob. */
    private static Run streamed(HttpClient http, URI base, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        ObjectMapper json = new ObjectMapper();
        long[] times = new long[2];
        int count = 0;
        long cpu = processCpuNanos();
        long ownCpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        try (SseReader events = new SseReader(response.body())) {
            for (SseEvent event; (event = events.next()) != null; ) {
                if (event.data().equals("[DONE]")) break;
                long now = System.nanoTime();
                JsonNode tokens = json.readTree(event.data()).path("choices").path(0).path("logprobs").path("content");
                if (tokens.isArray() && !tokens.isEmpty()) {
                    if (count == 0) times[0] = now;
                    times[1] = now;
                    count += tokens.size();
                }
            }
        }
        long processNanos = cpu < 0 ? -1 : processCpuNanos() - cpu;
        return run(start, times, count, cpuMsPerToken(processNanos, THREADS.getCurrentThreadCpuTime() - ownCpu, count));
    }

    private static Run run(long start, long[] times, int tokens, double cpuMsPerToken) {
        double firstMs = tokens == 0 ? Double.NaN : (times[0] - start) / 1e6;
        double seconds = (times[1] - times[0]) / 1e9;
        return new Run(firstMs, tokens > 1 && seconds > 0 ? (tokens - 1) / seconds : Double.NaN, tokens, cpuMsPerToken);
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
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

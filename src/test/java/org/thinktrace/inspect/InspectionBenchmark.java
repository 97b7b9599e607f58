package org.thinktrace.inspect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times {@link TraceInspector#inspect} on a long trace: the nine real R1 traces joined (and joined again until
 * the text has {@code tokens} pieces), cut into word-sized tokens with made-up probabilities and entropies.
 * Prints the median and the slowest of the timed runs, wall-clock and the thread's CPU time (which a
 * busy machine inflates less). Not a test: run it on an idle machine with
 * {@code java -cp "target/classes:target/test-classes:target/lib/*" org.thinktrace.inspect.InspectionBenchmark
 * [tokens] [runs]}.
 */
public final class InspectionBenchmark {

    private static final Pattern PIECE = Pattern.compile("\\s*[^\\s]+");

    private InspectionBenchmark() {
    }

    public static void main(String[] args) {
        int tokenCount = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        StringBuilder text = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        while (pieces.size() < tokenCount) {
            for (String file : TestTraces.R1_FILES) {
                text.append(text.isEmpty() ? "" : "\n\n").append(TestTraces.r1(file).thinking());
            }
            pieces.clear();
            Matcher m = PIECE.matcher(text);
            while (m.find() && pieces.size() < tokenCount) pieces.add(m.group());
        }
        String thinking = String.join("", pieces).strip();
        Random random = new Random(42);
        List<InspectedToken> tokens = new ArrayList<>();
        for (String piece : pieces) {
            tokens.add(new InspectedToken(random.nextInt(150_000), piece, random.nextFloat(),
                    3 * random.nextFloat(), List.of()));
        }
        InspectedResponse response = new InspectedResponse("", thinking, "\\boxed{90}",
                new TraceTokens(tokens, tokens.size()));
        for (int i = 0; i < 20; i++) TraceInspector.inspect(response); // warm-up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[runs];
        double[] cpuMs = new double[runs];
        TraceInspection last = null;
        for (int i = 0; i < runs; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            last = TraceInspector.inspect(response);
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        System.out.printf("%d tokens, %d characters, %d steps, %d loops: median %.1f ms (CPU %.1f ms), slowest %.1f ms"
                + " (CPU %.1f ms), %d runs%n", tokens.size(), thinking.length(), last.steps().size(),
                last.loops().size(), ms[runs / 2], cpuMs[runs / 2], ms[runs - 1], cpuMs[runs - 1], runs);
    }
}

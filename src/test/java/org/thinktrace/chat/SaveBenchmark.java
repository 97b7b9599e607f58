package org.thinktrace.chat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;

/**
 * Times one save of a conversation whose response has a {@code tokens}-token trace (18,000 thinking, the rest
 * answer), with five alternatives per token as the app stores them: what a draft save costs while a long response
 * streams. Each run builds the draft as {@link ChatSession} does (a snapshot of the recorder) and writes it with
 * {@link ConversationStore#save}. Prints the file size and the median and slowest of the timed runs, wall-clock and
 * the thread's CPU time. Not a test: run it on an idle machine with
 * {@code java -cp "target/classes:target/test-classes:target/lib/*" org.thinktrace.chat.SaveBenchmark [tokens] [runs]}.
 */
public final class SaveBenchmark {

    /** Distinct token ids a long trace and its alternatives use (a few thousand of a 150,000-token vocabulary). */
    private static final int VOCABULARY_USED = 6_000;

    private SaveBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Random random = new Random(1);
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(ResponseBuilder.STORED_ALTERNATIVES);
        StringBuilder thinking = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        int thinkingTokens = tokens * 9 / 10;
        for (int i = 0; i < tokens; i++) {
            Phase phase = i < thinkingTokens ? Phase.THINKING : Phase.ANSWER;
            String text = " w" + random.nextInt(VOCABULARY_USED);
            (phase == Phase.THINKING ? thinking : answer).append(text);
            List<TokenAlternative> top = new ArrayList<>();
            for (int k = 0; k < ResponseBuilder.STORED_ALTERNATIVES; k++) {
                top.add(new TokenAlternative(random.nextInt(VOCABULARY_USED), " a" + k, random.nextFloat() / (k + 1)));
            }
            recorder.add(new TokenInfo(random.nextInt(VOCABULARY_USED), text, phase, random.nextFloat(),
                    random.nextFloat() * 4, top));
        }
        Path folder = Files.createTempDirectory("thinktrace-save-benchmark");
        ConversationStore store = new ConversationStore(folder);
        Conversation base = Conversation.start(1).withAppended(new UserMessage("u", "A long question", 1), 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        for (int run = -10; run < runs; run++) {
            long w0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            AssistantVersion draft = new AssistantVersion(thinking.toString(), answer.toString(),
                    ResponseState.IN_PROGRESS, null, false, false, null, SamplingSettings.r1Defaults(), 32_768, 0,
                    null, recorder.snapshot(), 1, null, null, ModelIdentity.local("model", null), "");
            store.save(base.withAppended(new AssistantMessage("a", List.of(draft), 0, true), 2));
            if (run >= 0) {
                wall[run] = System.nanoTime() - w0;
                cpu[run] = threads.getCurrentThreadCpuTime() - c0;
            }
        }
        long size = Files.size(store.fileOf(base.id()));
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("one save of a %,d-token trace (%,d bytes): median %.1f ms CPU (slowest %.1f), wall-clock"
                        + " median %.1f ms (slowest %.1f), %d runs%n", tokens, size, cpu[runs / 2] / 1e6,
                cpu[runs - 1] / 1e6, wall[runs / 2] / 1e6, wall[runs - 1] / 1e6, runs);
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(folder);
    }
}

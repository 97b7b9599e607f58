package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * A long thinking trace streamed into the real window at about 10,000 tokens per second, faster than the screen
 * takes it (a frame applies at most {@link AssistantMessageViewModel#FRAME_CHARACTERS} characters, so these are the
 * frames of a source that outruns the window), while an AnimationTimer on the FX thread records, between two
 * consecutive frames, the wall time and the FX thread's own CPU time. The CPU time is the work the app puts on the
 * FX thread (event draining, text appends, layout, CSS); the wall time also holds waits for the OS scheduler, which
 * on a shared build machine say nothing about the app, so it is printed, not asserted. The target is 50 ms;
 * the bound asserted is twice that, since CPU time per frame also inflates on a busy machine. Work that grows with
 * the trace (re-setting the whole text, laying out every line) costs seconds per frame at this size and fails it.
 *
 * <p>The second run is the inspector's: three quarters thinking and a quarter Markdown answer with the inspector
 * open (outline on) and the heat on, both the inspector's text and the transcript scrolled to random places every
 * 100 ms (a jump, as when the scroll bar is dragged; made in an AnimationTimer, so before the frame pump applies the
 * frame's events right before the layout pass, as a drag's input events are), with the application's own background
 * and storage threads.
 * The frames that end the response (the stored trace replaces the streamed one: its tokens are placed and analysed
 * in the background, the heat that differs is repainted, the rest of the answer's Markdown is built) are measured
 * apart, until the stored trace is shown and shaded; the heat then drawn must equal the stored trace's shaded in
 * one go.
 *
 * <p>The build streams {@value #BUILD_TOKENS} tokens in each run; {@code -Dthinktrace.fluidity.tokens=20000} streams
 * the 20,000-token trace, as the benchmark does. Figures and method: docs/benchmarks.md, "Inspector
 * fluidity".
 */
@ExtendWith(ApplicationExtension.class)
class LongThinkingFluidityTest extends DesktopTestBase {

    /** Tokens streamed in each run by the build (the benchmark sets {@code thinktrace.fluidity.tokens}). */
    private static final int BUILD_TOKENS = 4_000;
    private static final int TOKENS = Integer.getInteger("thinktrace.fluidity.tokens", BUILD_TOKENS);
    private static final long CPU_BOUND_NANOS = 100_000_000L;
    /**
     * Six times the 50 ms target: the inspector's run also scrolls both panes and lays out Markdown as it streams,
     * and its CPU time per frame inflates most on a busy machine (97–157 ms at load averages of 21 to 26, where
     * a frame comes about every 1.5 s and holds that much more streamed work).
     */
    private static final long INSPECTOR_CPU_BOUND_NANOS = 300_000_000L;
    /** Twelve times the target, for the frames that end the inspector's response (170–330 ms at the same loads). */
    private static final long FINISH_CPU_BOUND_NANOS = 600_000_000L;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    /** What an {@link AnimationTimer} on the FX thread saw between consecutive frames while tokens streamed. */
    private record Frames(long count, long maxGapNanos, long maxCpuNanos, long finishCpuNanos, long millis,
                          long[] streamingCpuNanos, List<Boolean> afterJump) {

        /** The FX thread's CPU time per streaming frame at a quantile q in [0, 1]. */
        double cpuMillisAt(double q) {
            return millisAt(streamingCpuNanos, q);
        }

        private static double millisAt(long[] nanos, double q) {
            long[] sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
        }

        /** Median and most of the streaming frames that followed a scroll jump, and of the others. */
        String byJump() {
            long[] jumped = java.util.stream.IntStream.range(0, afterJump.size()).filter(afterJump::get)
                    .mapToLong(i -> streamingCpuNanos[i]).toArray();
            long[] others = java.util.stream.IntStream.range(0, afterJump.size()).filter(i -> !afterJump.get(i))
                    .mapToLong(i -> streamingCpuNanos[i]).toArray();
            return String.format("%d frames after a scroll jump: median %.1f ms, most %.1f ms; %d others: median %.1f ms,"
                            + " most %.1f ms", jumped.length, millisAt(jumped, 0.5), millisAt(jumped, 1),
                    others.length, millisAt(others, 0.5), millisAt(others, 1));
        }

        /** How many streaming frames took more than {@code millis} of the FX thread's CPU time, and which first. */
        String over(double millis) {
            int count = 0;
            int first = -1;
            for (int i = 0; i < streamingCpuNanos.length; i++) {
                if (streamingCpuNanos[i] > millis * 1e6) {
                    count++;
                    if (first < 0) first = i;
                }
            }
            return String.format("%d of %d streaming frames over %.0f ms (first: frame %d); median %.1f ms, 95th percentile %.1f ms",
                    count, streamingCpuNanos.length, millis, first, cpuMillisAt(0.5), cpuMillisAt(0.95));
        }
    }

    /**
     * Streams {@code generator}'s tokens (50 every 5 ms) into the window after sending a message, runs
     * {@code duringStream} on the FX thread every 100 ms while they stream, and measures the frames: those while
     * the response streams, and apart those from its end until {@code settled} holds (read on the FX thread).
     */
    private Frames stream(ScriptedGenerator generator, MainViewModel vm, Runnable duringStream,
                          java.util.function.BooleanSupplier settled) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong lastFrame = new AtomicLong();
        AtomicLong maxGap = new AtomicLong();
        AtomicLong lastCpu = new AtomicLong();
        AtomicLong maxCpu = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        AtomicLong lastAction = new AtomicLong();
        AtomicLong finishCpu = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        List<Long> perFrame = new ArrayList<>();
        List<Boolean> jumpedBefore = new ArrayList<>();
        AnimationTimer probe = new AnimationTimer() {
            /** Whether the last call ran {@code duringStream}: its layout is part of the next frame's work. */
            private boolean jumped;

            @Override
            public void handle(long now) {
                // Measured from the first streamed token on: building the response's views happens once per
                // message, streaming is what must stay fluid.
                if (generator.delivered() == 0) return;
                long previous = lastFrame.getAndSet(now);
                long cpu = threads.getCurrentThreadCpuTime();
                long previousCpu = lastCpu.getAndSet(cpu);
                if (previous != 0 && vm.stateProperty().get() == AppState.GENERATING) {
                    maxGap.accumulateAndGet(now - previous, Math::max);
                    maxCpu.accumulateAndGet(cpu - previousCpu, Math::max);
                    perFrame.add(cpu - previousCpu);
                    jumpedBefore.add(jumped);
                } else if (previous != 0 && !done.get()) {
                    // The frames that end the response: the stored trace replaces the streamed one (once per response).
                    finishCpu.accumulateAndGet(cpu - previousCpu, Math::max);
                    if (settled.getAsBoolean()) done.set(true);
                }
                frames.incrementAndGet();
                jumped = false;
                if (now - lastAction.get() > 100_000_000L) {
                    lastAction.set(now);
                    duringStream.run();
                    jumped = true;
                }
            }
        };
        AtomicBoolean feeding = new AtomicBoolean(true);
        Thread feeder = new Thread(() -> {
            while (feeding.get()) {
                generator.release(50);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "token-feeder");

        fx(() -> {
            vm.composerTextProperty().set("Think for a long time");
            return null;
        });
        clickOn(".composer-input");
        fx(() -> {
            probe.start();
            return null;
        });
        type(KeyCode.ENTER);
        long started = System.nanoTime();
        feeder.start();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        long millis = (System.nanoTime() - started) / 1_000_000;
        waitUntil(done::get);
        fx(() -> {
            probe.stop();
            return null;
        });
        feeding.set(false);
        feeder.join();
        long[] cpuPerFrame = fx(() -> perFrame.stream().mapToLong(Long::longValue).toArray());
        List<Boolean> afterJump = fx(() -> List.copyOf(jumpedBefore));
        return new Frames(frames.get(), maxGap.get(), maxCpu.get(), finishCpu.get(), millis, cpuPerFrame, afterJump);
    }

    @Test
    void aLongThinkingTraceStreamsWithoutStallingTheFxThread() throws Exception {
        List<String> thinking = new ArrayList<>(TOKENS);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < TOKENS; i++) {
            String token = i % 60 == 59 ? " step" + i + ".\n\n" : " w" + i;
            thinking.add(token);
            expected.append(token);
        }
        ScriptedGenerator generator = new ScriptedGenerator(thinking, List.of("Done", "."));
        MainViewModel vm = fx(() -> openWindow(stage, generator));
        Frames frames = stream(generator, vm, () -> { }, () -> true);

        AssistantMessageViewModel response = fx(() -> (AssistantMessageViewModel) vm.transcript().getLast());
        assertEquals(expected.toString(), fx(() -> response.thinkingProperty().get()));
        assertTrue(fx(() -> response.thinkingHeaderProperty().get()).endsWith("· " + TOKENS + " tokens"));
        System.out.printf("fluidity: %d thinking tokens in %d ms, %d frames, longest frame gap %.1f ms,"
                        + " most FX-thread CPU time between two frames %.1f ms%n",
                TOKENS, frames.millis(), frames.count(), frames.maxGapNanos() / 1e6, frames.maxCpuNanos() / 1e6);
        System.out.println("fluidity: " + frames.over(50));
        assertTrue(frames.count() > 10, "frames ran while streaming");
        assertTrue(frames.maxCpuNanos() < CPU_BOUND_NANOS,
                "FX-thread work between two frames reached " + frames.maxCpuNanos() / 1e6 + " ms");
    }

    /**
     * The heat bin of each character of the inspector's text (thinking, separator, answer) when every token of
     * {@code tokens} is shaded in one go: the tokens' texts laid end to end ({@code thinking} and {@code answer} are
     * their concatenations), −1 where no token lies.
     */
    private static int[] referenceHeat(org.thinktrace.inspect.TraceTokens tokens, String thinking, String answer) {
        int answerOffset = thinking.length() + InspectorView.ANSWER_SEPARATOR.length();
        int[] bins = new int[answerOffset + answer.length()];
        java.util.Arrays.fill(bins, -1);
        int inThinking = 0;
        int inAnswer = answerOffset;
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            int length = token.text().length();
            int from = i < tokens.thinkingTokens() ? inThinking : inAnswer;
            java.util.Arrays.fill(bins, from, from + length, HeatScale.bin(token.p()));
            if (i < tokens.thinkingTokens()) inThinking += length;
            else inAnswer += length;
        }
        assertEquals(thinking.length(), inThinking, "the thinking is its tokens' texts");
        return withoutLineBreaks(bins, thinking + InspectorView.ANSWER_SEPARATOR + answer);
    }

    /** {@code bins} with −1 at the line breaks of {@code text} (no heat is drawn on them). */
    private static int[] withoutLineBreaks(int[] bins, String text) {
        for (int i = 0; i < bins.length && i < text.length(); i++) if (text.charAt(i) == '\n') bins[i] = -1;
        return bins;
    }

    /** The heat bin the inspector's text view draws at each character, −1 where none. */
    private static int[] shownHeat(TraceTextView view) {
        byte[] drawn = view.heat();
        int[] bins = new int[drawn.length];
        for (int i = 0; i < drawn.length; i++) bins[i] = drawn[i];
        return withoutLineBreaks(bins, view.text());
    }

    /** A Markdown answer of {@code tokens} tokens: headings, paragraphs with emphasis, lists and code blocks. */
    private static List<String> markdownAnswer(int tokens) {
        List<String> answer = new ArrayList<>(tokens);
        for (int i = 0; answer.size() < tokens; i++) {
            switch (i % 4) {
                case 0 -> answer.addAll(List.of("## ", "Part ", String.valueOf(i), "\n\n"));
                case 1 -> {
                    for (int w = 0; w < 40; w++) answer.add(w % 7 == 3 ? " **w" + w + "**" : " w" + w);
                    answer.add(".\n\n");
                }
                case 2 -> {
                    for (int item = 0; item < 5; item++) answer.addAll(List.of("- ", "item ", "`x" + item + "`", "\n"));
                    answer.add("\n");
                }
                default -> answer.addAll(List.of("```java\n", "int x", " = ", String.valueOf(i), ";\n", "```\n\n"));
            }
        }
        return answer.subList(0, tokens);
    }

    @Test
    void aLongTraceStreamsWithHeatAndOutlineOnWhileBothPanesScroll() throws Exception {
        int thinkingTokens = TOKENS / 4 * 3;
        int answerTokens = TOKENS - thinkingTokens;
        List<String> thinking = new ArrayList<>(thinkingTokens);
        for (int i = 0; i < thinkingTokens; i++) {
            thinking.add(i % 60 == 59 ? (i % 240 == 239 ? " Wait, check step" : " So step") + i + ".\n\n" : " w" + i);
        }
        List<String> answer = markdownAnswer(answerTokens);
        ScriptedGenerator generator = new ScriptedGenerator(thinking, answer);
        java.util.concurrent.ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "fluidity-background");
            t.setDaemon(true);
            return t;
        };
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newCachedThreadPool(daemons);
        java.util.concurrent.ExecutorService storage = java.util.concurrent.Executors.newSingleThreadExecutor(daemons);
        MainViewModel vm = fx(() -> openWindow(stage, generator, background, storage));
        fx(() -> {
            vm.inspector().openProperty().set(true);
            vm.inspector().heatProperty().set(true);
            return null;
        });
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent());
        InspectorView inspector = fx(() -> lookup(".inspector").queryAs(InspectorView.class));
        TranscriptView transcript = fx(() -> lookup(".transcript").queryAs(TranscriptView.class));
        java.util.Random random = new java.util.Random(9);
        Frames frames = stream(generator, vm, () -> {
            int paragraphs = inspector.textView().paragraphCount();
            inspector.textView().showParagraphAtTop(random.nextInt(paragraphs));
            transcript.setVvalue(random.nextDouble());
        }, () -> vm.inspector().tokensProperty().get() != null);

        AssistantMessageViewModel response = fx(() -> (AssistantMessageViewModel) vm.transcript().getLast());
        assertEquals(String.join("", answer), fx(() -> response.answerProperty().get()));
        waitUntil(() -> inspector.outline().markers().size() == thinkingTokens / 60);
        System.out.printf("fluidity with the inspector (outline and heat on, both panes scrolling): %d thinking and"
                        + " %d Markdown answer tokens in %d ms, %d frames, longest frame gap %.1f ms,"
                        + " most FX-thread CPU time between two frames %.1f ms; in the frames that end the response %.1f ms%n",
                thinkingTokens, answerTokens, frames.millis(), frames.count(), frames.maxGapNanos() / 1e6,
                frames.maxCpuNanos() / 1e6, frames.finishCpuNanos() / 1e6);
        System.out.println("fluidity with the inspector: " + frames.over(50));
        System.out.println("fluidity with the inspector: " + frames.byJump());

        assertTrue(frames.count() > 1, "frames ran while streaming");
        org.junit.jupiter.api.Assertions.assertArrayEquals(referenceHeat(fx(() -> vm.inspector().tokensProperty().get()), String.join("", thinking),
                String.join("", answer)), fx(() -> shownHeat(inspector.textView())),
                "the heat drawn after the response ended is that of the stored trace shaded in one go");
        assertTrue(frames.maxCpuNanos() < INSPECTOR_CPU_BOUND_NANOS,
                "FX-thread work between two frames reached " + frames.maxCpuNanos() / 1e6 + " ms");
        assertTrue(frames.finishCpuNanos() < FINISH_CPU_BOUND_NANOS,
                "FX-thread work between two frames that end the response reached " + frames.finishCpuNanos() / 1e6 + " ms");
    }
}

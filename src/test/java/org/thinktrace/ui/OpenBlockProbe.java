package org.thinktrace.ui;

import static org.thinktrace.ui.FxCalls.onFx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;

/**
 * How much FX-thread work one streamed token costs when it lands in a large last block of an answer (a long table,
 * list, block quote, code block or paragraph), at several sizes of that block: the answer is shown up to the size, then
 * 40 tokens of 4 characters are streamed one update each (render, style, lay out), and the FX thread's CPU time per
 * update is reported (median and most), with a catch-up run (the whole block arriving at once, shown a paced step at a
 * time: how many steps, their total and longest). Benchmark, not a test:
 * {@code java -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless -cp
 * "target/classes:target/test-classes:target/lib/*:MONOCLE_JAR" org.thinktrace.ui.OpenBlockProbe [ROUNDS]} (after
 * {@code ./mvnw -B -q test-compile}; the Monocle jar from the local Maven repository; docs/benchmarks.md, "A long last
 * block").
 */
public final class OpenBlockProbe {

    private static final int TOKEN_CHARS = 4;
    private static final int TOKENS = 40;
    private static final int[] SIZES = {25, 100, 300};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Scenario(String name, String head, IntFunction<String> unit) {

        String text(int units) {
            StringBuilder text = new StringBuilder("Here is the result.\n\n").append(head);
            for (int i = 0; i < units; i++) text.append(unit.apply(i));
            return text.toString();
        }
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("table (4 columns)", "| n | square | even | note |\n|---|--:|---|---|\n",
                    i -> "| " + i + " | " + i * i + " | " + (i % 2 == 0 ? "yes" : "no") + " | the *value* of " + i
                            + " |\n"),
            new Scenario("bullet list", "",
                    i -> "- Step " + i + ": multiply **" + i + "** by `3` and add the carry.\n"),
            new Scenario("block quote", "",
                    i -> "> Line " + i + " of the quoted proof, with *emphasis*.\n>\n"),
            new Scenario("code block", "```java\n",
                    i -> "int value" + i + " = compute(" + i + ", carry);\n"),
            new Scenario("paragraph", "",
                    i -> "word" + i + " is *followed* by more words and "));

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        onFx(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            return null;
        });
        String css = MainWindow.class.getResource("thinktrace.css").toExternalForm();
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round);
            for (Scenario scenario : SCENARIOS) {
                for (int size : SIZES) System.out.println(onFx(() -> streamed(scenario, size, css)));
                System.out.println(onFx(() -> caughtUp(scenario, 300, css)));
            }
        }
        Platform.exit();
    }

    /** Tokens streamed into the block once it holds {@code size} units. */
    private static String streamed(Scenario scenario, int size, String css) {
        String text = scenario.text(size) + scenario.text(size + 40).substring(scenario.text(size).length());
        int start = scenario.text(size).length();
        Shown shown = new Shown(css);
        shown.column.apply(shown.markdown.update(text.substring(0, start)));
        shown.layOut();
        long[] cpu = new long[TOKENS];
        for (int t = 0; t < TOKENS; t++) {
            int end = Math.min(text.length(), start + (t + 1) * TOKEN_CHARS);
            long before = THREADS.getCurrentThreadCpuTime();
            shown.column.apply(shown.markdown.update(text.substring(0, end), PacedMarkdown.CHARS_PER_FRAME,
                    PacedMarkdown.COST_PER_FRAME));
            shown.layOut();
            cpu[t] = THREADS.getCurrentThreadCpuTime() - before;
        }
        Arrays.sort(cpu);
        return String.format(Locale.ROOT, "  %-18s %4d units: a token %6.2f ms median, %6.2f ms most", scenario.name,
                size, cpu[TOKENS / 2] / 1e6, cpu[TOKENS - 1] / 1e6);
    }

    /** The block of {@code size} units arriving at once, shown a paced step at a time. */
    private static String caughtUp(Scenario scenario, int size, String css) {
        String text = scenario.text(size);
        Shown shown = new Shown(css);
        int steps = 0;
        long total = 0;
        long most = 0;
        do {
            long before = THREADS.getCurrentThreadCpuTime();
            shown.column.apply(
                    shown.markdown.update(text, PacedMarkdown.CHARS_PER_FRAME, PacedMarkdown.COST_PER_FRAME));
            shown.layOut();
            long spent = THREADS.getCurrentThreadCpuTime() - before;
            total += spent;
            most = Math.max(most, spent);
            steps++;
        } while (shown.markdown.behind());
        return String.format(Locale.ROOT, "  %-18s %4d units at once: %d steps, %7.1f ms in all, %6.2f ms most",
                scenario.name, size, steps, total / 1e6, most / 1e6);
    }

    private static final class Shown {
        final MarkdownColumn column = new MarkdownColumn();
        final IncrementalMarkdown markdown = new IncrementalMarkdown(new MarkdownRenderer(text -> { }));
        final VBox root = new VBox(column);

        Shown(String css) {
            column.getStyleClass().add("answer");
            root.getStyleClass().add("assistant-message");
            new Scene(root, 800, 600).getStylesheets().add(css);
        }

        void layOut() {
            root.applyCss();
            root.resize(800, root.prefHeight(800));
            root.layout();
        }
    }
}

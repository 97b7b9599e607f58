package org.thinktrace.ui;

import static org.thinktrace.ui.FxCalls.onFx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The FX thread's work in a long conversation, in the real window (Monocle, headless): a conversation of N exchanges
 * (a thinking of 300 tokens and a Markdown answer of 60 each) is written through the view-model, then the window
 * switches to it from a short one, and a text is added to its last answer several times (as a streaming token
 * does): the FX thread's CPU time of the switch (the call and the pulses after it until every message has its view,
 * in all and its longest, the work of animation timers included) and of the pulses after each
 * change (the first change after a switch apart: the column then measures every message once more, to remember it). Benchmark, not a test:
 * {@code java -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless -cp
 * "target/classes:target/test-classes:target/lib/*:MONOCLE_JAR" org.thinktrace.ui.LongConversationProbe [EXCHANGES]
 * [ROUNDS]}
 * (after {@code ./mvnw -B -q test-compile}; docs/benchmarks.md, "A long conversation").
 */
public final class LongConversationProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int exchanges = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path home = Files.createTempDirectory("thinktrace-long-conversation");
        String longId = written(home, exchanges);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        MainViewModel vm = onFx(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            MainViewModel main = new MainViewModel(new MainViewModel.Dependencies(
                    new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                    (path, precision, progress) -> ModelLoader.Opened.of(ScriptedGenerator.unpaced(List.of(),
                            List.of())),
                    Executors.newCachedThreadPool(), Platform::runLater, Runnable::run, Clock.systemUTC(),
                    System::nanoTime));
            main.start();
            Stage stage = new Stage();
            MainWindow window = new MainWindow(main, stage, FileDialogs.system());
            stage.show();
            pulses = new Pulses(window);
            return main;
        });
        while (onFx(() -> vm.loadingConversationsProperty().get())) Thread.sleep(50);
        String shortId = onFx(() -> vm.conversations().shown().stream().filter(c -> !c.id().equals(longId))
                .findFirst().orElseThrow().id());
        Thread.sleep(1_000);

        long[] switches = new long[rounds];
        long[] longestFrames = new long[rounds];
        long[] frames = new long[rounds];
        long[] firstChanges = new long[rounds];
        long[] changes = new long[rounds * 4];
        for (int round = 0; round < rounds; round++) {
            pulses.clear();
            long call = onFx(() -> {
                long before = THREADS.getCurrentThreadCpuTime();
                vm.openConversation(longId);
                return THREADS.getCurrentThreadCpuTime() - before;
            });
            // until every message has its view (placeholders are built a few a frame) and a few frames more
            for (int wait = 0; wait < 400 && (pulses.spent.size() < 3 || pulses.building < 0); wait++) {
                Thread.sleep(50);
            }
            frames[round] = pulses.building;
            Thread.sleep(300);
            switches[round] = call + pulses.total();
            longestFrames[round] = Math.max(call, pulses.longest());
            if (System.getProperty("probe.verbose") != null) System.out.println("round " + round + " switch: call " + call / 1000000 + " ms, pulses " + pulses.spent);
            for (int k = 0; k < 5; k++) {
                pulses.clear();
                onFx(() -> {
                    MarkdownColumn last = (MarkdownColumn) pulses.window.scene().getRoot().lookupAll(".answer")
                            .stream().reduce((a, b) -> b).orElseThrow();
                    last.getChildren().add(new Text(" more"));
                    return null;
                });
                Thread.sleep(200);
                if (k == 0) firstChanges[round] = pulses.total();
                else changes[round * 4 + k - 1] = pulses.total();
                if (System.getProperty("probe.verbose") != null) System.out.println("round " + round + " change " + k + ": " + pulses.spent);
            }
            onFx(() -> {
                vm.openConversation(shortId);
                return null;
            });
            Thread.sleep(500);
        }
        System.out.printf(Locale.ROOT, "%d exchanges (median, most): switching to the conversation %s ms in all, its"
                + " longest frame (or the switch's call) %s ms, frames until every message is built %s; the first change in its last answer %s ms, the next ones"
                + " %s ms%n", exchanges, medianAndMost(switches), medianAndMost(longestFrames),
                medianAndMostCount(frames),
                medianAndMost(firstChanges), medianAndMost(changes));
        Platform.exit();
        System.exit(0);
    }

    private static volatile Pulses pulses;

    /**
     * The FX thread's CPU time in the pulses: from before the animation timers started after this one (the
     * transcript's backfill builds its views in one) to after the scene's layout pass.
     */
    private static final class Pulses {
        final MainWindow window;
        private final List<Long> spent = new java.util.concurrent.CopyOnWriteArrayList<>();
        private long start = -1;
        /** How many pulses since {@link #clear} until no message was a placeholder (-1: not yet). */
        private volatile int building = -1;
        private MeasuredColumn messages;

        Pulses(MainWindow window) {
            this.window = window;
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    start = THREADS.getCurrentThreadCpuTime();
                }
            }.start();
            window.scene().addPreLayoutPulseListener(() -> {
                if (start < 0) start = THREADS.getCurrentThreadCpuTime();
            });
            window.scene().addPostLayoutPulseListener(() -> {
                spent.add(THREADS.getCurrentThreadCpuTime() - start);
                start = -1;
                if (building < 0 && messages().getChildren().stream()
                        .noneMatch(n -> n instanceof TranscriptView.Placeholder)) building = spent.size();
            });
        }

        void clear() {
            spent.clear();
            building = -1;
        }

        private MeasuredColumn messages() {
            if (messages == null) messages = (MeasuredColumn) window.scene().getRoot().lookup(".transcript-messages");
            return messages;
        }

        long total() {
            return spent.stream().mapToLong(Long::longValue).sum();
        }

        long longest() {
            return spent.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** Writes a conversation of {@code exchanges} exchanges and a short one after it; returns the long one's id. */
    private static String written(Path home, int exchanges) throws Exception {
        String[] id = new String[1];
        List<String> thinking = new ArrayList<>();
        for (int i = 0; i < 300; i++) thinking.add(i % 25 == 24 ? "done.\n\n" : "word" + i + " ");
        List<String> answer = new ArrayList<>();
        for (int i = 0; i < 60; i++) answer.add(i % 15 == 14 ? "end.\n\n- item " + i + "\n\n" : "**w" + i + "** ");
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        ScriptedGenerator generator = ScriptedGenerator.unpaced(thinking, answer);
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                (path, precision, progress) -> ModelLoader.Opened.of(generator), Runnable::run, Runnable::run,
                Runnable::run, Clock.systemUTC(), nanos::get));
        vm.start();
        vm.openModel(Files.createDirectories(home.resolve("model")));
        for (int i = 0; i <= exchanges; i++) {
            if (i == exchanges) vm.newConversation();
            vm.composerTextProperty().set(i == exchanges ? "A short one" : "Question " + i);
            vm.send();
            while (vm.stateProperty().get() != AppState.READY) {
                Thread.sleep(1);
                vm.onFrame(nanos.addAndGet(16_000_000L));
            }
            if (i == exchanges - 1) id[0] = vm.conversations().selectedProperty().get().id();
        }
        vm.close();
        return id[0];
    }

    private static String medianAndMostCount(long[] counts) {
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] + ", " + sorted[sorted.length - 1];
    }

    private static String medianAndMost(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f, %.1f", sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}

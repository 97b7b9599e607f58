package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.generate.CharCodec;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.ScriptedModel;

/**
 * Inspector flows on the main view-model with a real {@link Generator} over a scripted model, in awkward orders: the
 * FX thread is a queue the test drains (so a probe's end reaches the view-model only when the "FX thread" gets to it),
 * and the model thread can be held inside a probe (at its first model call, or inside its last step's probe).
 */
@Timeout(60)
class InspectorProbeFlowsTest {

    @TempDir
    Path home;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    private final AtomicBoolean hold = new AtomicBoolean();
    /** Holds the model thread inside the last (third) step's probe: at its forced end of thinking. */
    private final AtomicBoolean holdAtLastStep = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger endOfThinkingAppends = new java.util.concurrent.atomic.AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ScriptedModel scripted = new ScriptedModel(4096)
            .say("I add the tens: 40.\n\nThen the units: 4.\n\nSo 44.</think>The answer is \\boxed{44}.")
            .beforeForward(call -> {
                if (holdAtLastStep.get()) {
                    int[] ids = forwardIds(call);
                    boolean endOfThinking = ids.length <= 4 && java.util.Arrays.stream(ids).anyMatch(id -> id == 3); // </think>
                    if (!endOfThinking || endOfThinkingAppends.incrementAndGet() != 3) return;
                    holdAtLastStep.set(false);
                } else if (!hold.getAndSet(false)) {
                    return;
                }
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
    private int[] forwardIds(int call) {
        return scripted.forwardCalls.get(call);
    }

    private final Generator generator = new Generator(scripted, new CharCodec(true), "scripted", "test", 0, () -> { });

    @AfterEach
    void close() {
        release.countDown();
        generator.close();
    }

    private void drain() {
        Runnable r;
        while ((r = fx.poll()) != null) r.run();
    }

    private void drainUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 20 s");
            Runnable r = fx.poll(5, TimeUnit.MILLISECONDS);
            if (r != null) r.run();
        }
    }

    private MainViewModel ready(String readOnlyReason) throws Exception {
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                (path, precision, progress) -> ModelLoader.Opened.of(generator),
                Runnable::run, fx::add, Runnable::run, Clock.systemUTC(), nanos::get, readOnlyReason));
        vm.start();
        drain();
        vm.openModel(Files.createDirectories(home.resolve("model")));
        drain();
        assertEquals(AppState.READY, vm.stateProperty().get());
        return vm;
    }

    private void sendAndWait(MainViewModel vm, String text) throws InterruptedException {
        vm.composerTextProperty().set(text);
        vm.send();
        drainUntil(() -> {
            vm.onFrame(nanos.addAndGet(16_000_000L));
            return vm.stateProperty().get() == AppState.READY;
        });
    }

    /**
     * A ready view-model whose model answered "What is 22 + 22?"; the next model folder opened gives {@code later}.
     */
    private MainViewModel answeredThenOpening(Generator later) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Generator> toOpen =
                new java.util.concurrent.atomic.AtomicReference<>(generator);
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                (path, precision, progress) -> ModelLoader.Opened.of(toOpen.getAndSet(later)),
                Runnable::run, fx::add, Runnable::run, Clock.systemUTC(), nanos::get, ""));
        vm.start();
        drain();
        vm.openModel(Files.createDirectories(home.resolve("model")));
        drain();
        sendAndWait(vm, "What is 22 + 22?");
        return vm;
    }

    /** A tokenizer whose ids read as other text than {@link CharCodec}'s (another model's vocabulary). */
    private static final class OtherTokenizer implements org.thinktrace.generate.PromptCodec {
        private final CharCodec chars = new CharCodec(true);

        @Override
        public org.thinktrace.generate.EncodedPrompt encodeConversation(java.util.List<org.thinktrace.text.ChatTurn> turns,
                                                                     java.util.Map<String, Object> variables) {
            return chars.encodeConversation(turns, variables);
        }

        @Override
        public org.thinktrace.generate.EncodedPrompt encodeRaw(String text) {
            return chars.encodeRaw(text);
        }

        @Override
        public int[] encodeText(String text) {
            return chars.encodeText(text);
        }

        @Override
        public int[] encodeControl(String text) {
            return chars.encodeControl(text);
        }

        @Override
        public org.thinktrace.generate.TokenTextStream openStream(int[] precedingIds) {
            return chars.openStream(precedingIds);
        }

        @Override
        public String tokenText(int id) {
            return "«" + chars.tokenText(id) + "»";
        }

        @Override
        public java.util.Set<Integer> eosIds() {
            return chars.eosIds();
        }

        @Override
        public java.util.OptionalInt bosId() {
            return chars.bosId();
        }
    }

    @Test
    void aResponseOfAModelWithTheSameTokenizerIsProbedAndBranched() throws Exception {
        // Another model over the same vocabulary (another size of one family): its ids are the response's ids.
        Generator sibling = new Generator(new ScriptedModel(4096), new CharCodec(true), "sibling-model", "test", 0,
                () -> { });
        MainViewModel vm = answeredThenOpening(sibling);
        vm.openModel(Files.createDirectories(home.resolve("model-b")));
        drain();
        vm.inspect(vm.transcript().getLast().id());
        InspectorViewModel inspector = vm.inspector();
        boolean probe = inspector.canProbeProperty().get();
        boolean branch = inspector.canBranchProperty().get();
        sibling.close();
        assertTrue(probe && branch, inspector.probeUnavailableProperty().get());
    }

    /**
     * Inspects {@code response}, starts its convergence probe, does {@code meanwhile} while the model thread is held
     * at the probe's first model call, then lets the probe end and runs the FX queue; returns the inspector.
     */
    private InspectorViewModel probedWhile(MainViewModel vm, String response, Runnable meanwhile)
            throws InterruptedException {
        vm.inspect(response);
        InspectorViewModel inspector = vm.inspector();
        assertTrue(inspector.canProbeProperty().get(), inspector.probeUnavailableProperty().get());
        hold.set(true);
        inspector.probeConvergence();
        assertTrue(held.await(20, TimeUnit.SECONDS), "the probe reached the model");
        meanwhile.run();
        release.countDown();
        drainUntil(() -> !inspector.probingProperty().get());
        drain();
        return inspector;
    }

    @Test
    void inspectingTheSameResponseAgainWhileItsProbeRunsStillShowsTheResult() throws Exception {
        MainViewModel vm = ready("");
        sendAndWait(vm, "What is 22 + 22?");
        String response = vm.transcript().getLast().id();
        // the user presses Inspect on the very response being probed (nothing changes)
        InspectorViewModel inspector = probedWhile(vm, response, () -> vm.inspect(response));

        AssistantMessage stored = (AssistantMessage) vm.currentMessages().getLast();
        assertNotNull(stored.current().probes().convergence(), "the probe finished and its result was saved");
        assertNotNull(inspector.convergenceProperty().get(),
                "but the panel never shows it; it still says: " + inspector.convergenceTextProperty().get());
    }

    @Test
    void deletingAnEarlierMessageWhileTheProbeRunsStillShowsTheResult() throws Exception {
        MainViewModel vm = ready("");
        sendAndWait(vm, "What is 1 + 1?");
        scripted.say("I add the tens: 40.\n\nThen the units: 4.\n\nSo 44.</think>The answer is \\boxed{44}.");
        sendAndWait(vm, "What is 22 + 22?");
        String firstQuestion = vm.transcript().getFirst().id();
        String response = vm.transcript().getLast().id();
        // the user tidies up an older exchange while waiting
        InspectorViewModel inspector = probedWhile(vm, response, () -> vm.deleteMessage(firstQuestion));

        assertNotNull(inspector.convergenceProperty().get(),
                "the probe of the shown response finished, yet the panel says: "
                        + inspector.convergenceTextProperty().get());
    }

    @Test
    void aConversationDeletedWhileItsLastStepIsProbedIsNotWrittenBack() throws Exception {
        MainViewModel vm = ready("");
        sendAndWait(vm, "What is 22 + 22?");
        String conversation = vm.conversations().selectedProperty().get().id();
        vm.inspect(vm.transcript().getLast().id());
        assertEquals(3, vm.inspector().inspectionProperty().get().steps().size());
        holdAtLastStep.set(true);
        vm.inspector().probeConvergence();
        assertTrue(held.await(20, TimeUnit.SECONDS), "the probe of the last step runs");

        vm.deleteConversation(conversation); // cancels the probe (the inspector moves on)
        Path file = new ConversationStore(home.resolve("data")).fileOf(conversation);
        assertFalse(Files.exists(file));
        release.countDown();
        drainUntil(() -> !vm.inspector().probingProperty().get());
        drain();

        assertFalse(Files.exists(file), "the deleted conversation was written again: it comes back at the next start");
    }

    @Test
    void aResponseDeletedWhileItsLastStepIsProbedKeepsNothingAndShowsNoError() throws Exception {
        MainViewModel vm = ready("");
        sendAndWait(vm, "What is 22 + 22?");
        String question = vm.transcript().getFirst().id();
        vm.inspect(vm.transcript().getLast().id());
        holdAtLastStep.set(true);
        vm.inspector().probeConvergence();
        assertTrue(held.await(20, TimeUnit.SECONDS));

        vm.deleteMessage(question); // the question together with the response being probed
        release.countDown();
        drainUntil(() -> !vm.inspector().probingProperty().get());
        drain();

        assertEquals("", vm.problemProperty().get(), "a problem dialog about a message the user deleted");
    }

    /**
     * A second, read-only window on the data folder a first window wrote, having answered {@code questions} there;
     * its model is {@code second} (the same scripted model, opened again).
     */
    private MainViewModel readOnlyWindowAfter(Generator second, String... questions) throws Exception {
        MainViewModel writer = ready("");
        for (String question : questions) {
            scripted.say("I add the tens: 40.\n\nThen the units: 4.\n\nSo 44.</think>The answer is \\boxed{44}.");
            sendAndWait(writer, question);
        }
        writer.close();
        drain();

        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                (path, precision, progress) -> ModelLoader.Opened.of(second),
                Runnable::run, fx::add, Runnable::run, Clock.systemUTC(), nanos::get, "Another ThinkTrace uses this folder"));
        vm.start();
        drain();
        vm.openModel(home.resolve("model"));
        drain();
        assertEquals(AppState.READY, vm.stateProperty().get());
        return vm;
    }

    @Test
    void aReadOnlyWindowDoesNotOfferToBranchAndSaysWhy() throws Exception {
        Generator second = new Generator(new ScriptedModel(4096), new CharCodec(true), "scripted", "test", 0,
                () -> { });
        MainViewModel vm = readOnlyWindowAfter(second, "What is 22 + 22?");
        vm.inspect(vm.transcript().getLast().id());
        InspectorViewModel inspector = vm.inspector();
        assertFalse(inspector.canBranchProperty().get(),
                "a read-only window cannot add a version, yet 'Edit step and continue…' and the alternatives' "
                        + "'Continue with this instead' are enabled");
        assertEquals(InspectorViewModel.READ_ONLY_BRANCH, inspector.branchUnavailableProperty().get(),
                "the branching controls are disabled without a reason");
        inspector.editStep(1, "Then the units: 5.");
        assertEquals("", vm.problemProperty().get(), "the step the user rewrote is thrown away: "
                + vm.problemProperty().get());
        second.close();
    }

    @Test
    void aReadOnlyWindowSaysItsProbeResultsAreNotSavedWhereverItShowsThem() throws Exception {
        Generator second = new Generator(scripted, new CharCodec(true), "scripted", "test", 0, () -> { });
        MainViewModel vm = readOnlyWindowAfter(second, "What is 1 + 1?", "What is 22 + 22?");
        String conversation = vm.conversations().selectedProperty().get().id();
        Path file = new ConversationStore(home.resolve("data")).fileOf(conversation);
        String onDisk = Files.readString(file);
        String first = vm.transcript().get(1).id();
        String last = vm.transcript().getLast().id();
        vm.inspect(last);
        InspectorViewModel inspector = vm.inspector();
        inspector.probeConvergence();
        drainUntil(() -> !inspector.probingProperty().get());
        drain();

        assertNotNull(inspector.convergenceProperty().get());
        String summary = inspector.convergenceProperty().get().summary(3);
        assertEquals(summary + " " + InspectorViewModel.NOT_SAVED, inspector.convergenceTextProperty().get());
        assertEquals(onDisk, Files.readString(file), "a read-only window wrote its data folder");
        // shown again from memory: still not saved
        vm.inspect(first);
        assertEquals("", inspector.convergenceTextProperty().get());
        vm.inspect(last);
        assertEquals(summary + " " + InspectorViewModel.NOT_SAVED, inspector.convergenceTextProperty().get());
        second.close();
    }

    @Test
    void aResponseOfAModelWithAnotherTokenizerIsNeitherProbedNorBranched() throws Exception {
        Generator other = new Generator(new ScriptedModel(4096), new OtherTokenizer(), "another-model", "test", 0,
                () -> { });
        MainViewModel vm = answeredThenOpening(other);
        AssistantMessage response = (AssistantMessage) vm.currentMessages().getLast();
        assertEquals("scripted", response.current().model().name());

        // the user opens another local model (another tokenizer, another vocabulary)
        vm.openModel(Files.createDirectories(home.resolve("model-b")));
        drain();
        assertEquals(AppState.READY, vm.stateProperty().get());
        assertEquals("another-model", vm.modelNameProperty().get());
        vm.inspect(response.id());
        InspectorViewModel inspector = vm.inspector();
        String why = inspector.probeUnavailableProperty().get();
        boolean branch = inspector.canBranchProperty().get();
        other.close();
        assertFalse(why.isEmpty() && branch, "the response's token ids are \"scripted\"'s, yet \"another-model\" is "
                + "offered to probe them (canProbe) and to continue them (canBranch) as its own ids");
    }
}

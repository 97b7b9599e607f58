package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.generate.CharCodec;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.ScriptedModel;
import org.thinktrace.model.CausalLM;
import org.thinktrace.model.ModelConfig;

/**
 * The inspector's view-model on a scripted model: which model it checks a response's tokens against and how, and
 * what the panel says where the tokens cannot be used.
 */
class InspectorViewModelTest extends ScriptedInspectorBase {

    /** A model that is never run: it counts how often its vocabulary is read (once per token it is asked to read). */
    private static final class VocabularyReads implements CausalLM {
        private final ModelConfig config = new ScriptedModel(4096).config();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public ModelConfig config() {
            reads.incrementAndGet();
            return config;
        }

        @Override
        public float[] forward(int[] ids) {
            throw new UnsupportedOperationException("only its vocabulary is read here");
        }

        @Override
        public int position() {
            return 0;
        }

        @Override
        public void truncate(int length) {
        }

        @Override
        public int contextLength() {
            return 4096;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aLongTraceIsCheckedAgainstTheLoadedModelOnAtMost512Tokens() throws Exception {
        StringBuilder thinking = new StringBuilder();
        for (int step = 1; thinking.length() < 700; step++) thinking.append("Step ").append(step).append(": carry on.\n\n");
        AssistantVersion version = response(thinking.toString().strip());
        int size = version.tokens().size();
        assertTrue(size > InspectorViewModel.TOKENS_CHECKED && size < 2 * InspectorViewModel.TOKENS_CHECKED,
                "a trace between 513 and 1,023 tokens: " + size);
        VocabularyReads vocabulary = new VocabularyReads();
        try (Generator other = new Generator(vocabulary, new CharCodec(true), "same-vocabulary", "test", 0, () -> { })) {
            loaded = other;
            InspectorViewModel vm = viewModel();
            int before = vocabulary.reads.get();
            vm.show(subject(version));
            int read = vocabulary.reads.get() - before;

            assertTrue(vm.canProbeProperty().get(), vm.probeUnavailableProperty().get());
            assertEquals(InspectorViewModel.TOKENS_CHECKED, read,
                    "the tokens the loaded model was asked to read, of the " + size + " the response has");
            vm.onFrame(0);
            assertEquals(read, vocabulary.reads.get() - before, "checked once per response and model");
        }
    }

    @Test
    void aModelNoLongerLoadedIsNotKeptAliveByTheInspector() throws Exception {
        AssistantVersion version = response();
        ScriptedModel talkative = new ScriptedModel(4096).say("Hmm, let me look at this once more. ".repeat(20));
        Generator other = new Generator(talkative, new CharCodec(true), "scripted", "test", 0, () -> { });
        loaded = other;
        InspectorViewModel vm = viewModel();
        vm.useImportanceSettings(new ImportanceSettings(1, 8, 8));
        vm.show(subject(version)); // its tokens are checked against the model
        assertTrue(vm.canProbeProperty().get(), vm.probeUnavailableProperty().get());
        vm.planImportance();
        vm.startImportance(); // a run that generates tokens: the next plan is judged by its pace on this model
        drainUntil(() -> !vm.resamplingProperty().get(), () -> { });
        vm.planImportance();
        assertNotNull(vm.importancePlanProperty().get().lastRun(), "the run's pace is kept for this model");
        vm.dismissImportancePlan();

        // the user closes the model (another one may follow later)
        WeakReference<Generator> closed = new WeakReference<>(other);
        loaded = null;
        vm.onFrame(0);
        assertEquals("No model is loaded: the probes run a local model.", vm.probeUnavailableProperty().get());
        other.close();
        other = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closed.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(closed.get(), "the inspector still holds the closed model (and its weights) in memory");
    }

    /** {@code t} as a damaged file may hold it: claiming more thinking tokens than it holds. */
    private static TokenTrace damaged(TokenTrace t) {
        return new TokenTrace(t.ids(), t.texts(), t.probabilities(), t.entropies(), t.size() + 1,
                t.alternativesPerToken(), t.alternativeIds(), t.alternativeProbabilities(), t.alternativeTexts());
    }

    /** {@code v} with {@code tokens} (none when null). */
    private static AssistantVersion withTokens(AssistantVersion v, TokenTrace tokens) {
        return new AssistantVersion(v.thinking(), v.answer(), v.state(), v.finishReason(), false, false, v.stats(),
                v.sampling(), v.maxTokens(), 0, null, tokens, 0, null, v.probes());
    }

    @Test
    void tokensThatCouldNotBePlacedAreToldApartFromAResponseKeptWithoutThem() throws Exception {
        AssistantVersion response = response();
        AssistantVersion damaged = withTokens(response, damaged(response.tokens()));
        InspectorViewModel vm = viewModel();
        // the response streams, then its stored version arrives: its tokens are placed in the background
        AssistantMessage message = new AssistantMessage("m1", List.of(damaged), 0, true);
        AssistantMessageViewModel live = AssistantMessageViewModel.streaming(message, 0, false,
                new ConcurrentLinkedQueue<>());
        vm.show(new InspectorViewModel.Subject("m1", "What is 22 + 22?", 0, 1, null, live, true, turns(),
                List.of(damaged)));
        vm.show(subject(damaged));
        drain();

        String couldNotPlace = "The tokens of this response could not be placed in its text (see the log), so it"
                + " cannot be probed.";
        assertNull(vm.tokensProperty().get());
        assertEquals(couldNotPlace, vm.probeUnavailableProperty().get());

        // a stored response shown at once: its text and analysis are shown without the tokens, and the same said
        vm.show(null);
        vm.show(subject(damaged));
        assertEquals(damaged.thinking(), vm.thinkingProperty().get());
        assertEquals(3, vm.inspectionProperty().get().steps().size());
        assertEquals(couldNotPlace, vm.probeUnavailableProperty().get());

        // a response genuinely kept without its tokens
        vm.show(subject(withTokens(response, null)));
        assertEquals("This response was kept without its tokens, so it cannot be probed.",
                vm.probeUnavailableProperty().get());
    }
}

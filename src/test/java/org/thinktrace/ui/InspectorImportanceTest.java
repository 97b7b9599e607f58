package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.ProbeResults;
import org.thinktrace.chat.StepResampling;
import org.thinktrace.generate.Generator;
import org.thinktrace.inspect.StepImportance.StepRange;

/**
 * "Importance" in the inspector's view-model, with no FX toolkit: a real {@link Generator} over a scripted model
 * runs the resampling as a probe, and the FX thread is a queue the test drains. The cost shown before it starts,
 * the progress, cancelling, keeping a complete result and showing it again, and when the button is refused.
 */
class InspectorImportanceTest extends ScriptedInspectorBase {

    @Test
    void theCostIsShownBeforeAnythingRunsAndNamesContinuationsTokensAndTime() throws Exception {
        InspectorViewModel vm = viewModel();
        vm.useImportanceSettings(new ImportanceSettings(3, 20, 10));
        vm.show(subject(response()));
        int calls = model.forwardCalls.size();
        vm.planImportance();

        ImportancePlan plan = vm.importancePlanProperty().get();
        assertNotNull(plan);
        int steps = vm.inspectionProperty().get().steps().size();
        assertTrue(steps >= 3, "steps: " + steps);
        assertEquals(steps, plan.steps().size(), "every step has tokens and is resampled");
        // 3 continuations before and 3 after each step, each at most 20 thinking and 10 answer tokens, and 4 for the
        // forced end of thinking.
        assertEquals(steps * 6, plan.continuations());
        assertEquals(steps * 6L * 34, plan.maxTokens());
        assertEquals(steps * 6 * 34 / DECODE_RATE, plan.maxSeconds(), 1e-9);
        String text = plan.describe();
        assertTrue(text.startsWith(String.format(Locale.ROOT, "Resampling %d steps runs %d continuations (3 from"
                + " before and 3 from after each step), at most %,d new tokens: up to about %d s at 200 tokens/s",
                steps, steps * 6, steps * 204, Math.round(steps * 204 / DECODE_RATE))), text);
        assertEquals(calls, model.forwardCalls.size(), "nothing ran before the user confirmed");
        assertFalse(vm.probingProperty().get());

        vm.dismissImportancePlan();
        assertNull(vm.importancePlanProperty().get());
        assertEquals(calls, model.forwardCalls.size());
    }

    @Test
    void withoutAMeasuredRateThePlanSaysTheTimeIsUnknown() {
        ImportancePlan plan = new ImportancePlan(List.of(new StepRange(0, 0, 5)), new ImportanceSettings(1, 4, 4),
                Double.NaN, null);
        assertEquals("Resampling 1 step runs 2 continuations (1 from before and 1 from after each step), at most 24"
                + " new tokens. No decode rate was measured for this response, so the time is unknown.", plan.describe());
        // a last run that generated half its maximum at 1.2 tokens/s: 24 × 0.5 / 1.2 = 10 s
        ImportancePlan paced = new ImportancePlan(plan.steps(), plan.settings(), Double.NaN,
                new ResamplingPace(1.2, 0.5));
        assertEquals("Resampling 1 step runs 2 continuations (1 from before and 1 from after each step), at most 24"
                + " new tokens: about 10 s, judging by the last run on this model.", paced.describe());
        assertEquals("2 h 5 min", TimeLeft.duration(7500));
        assertEquals("4 min", TimeLeft.duration(250));
    }

    @Test
    void progressCountsStepsAndContinuationsAndACompleteResultIsKeptAndShownAgain() throws Exception {
        InspectorViewModel vm = viewModel();
        // each reading of the clock is a second after the one before: one at the start, one per progress report
        java.util.concurrent.atomic.AtomicLong seconds = new java.util.concurrent.atomic.AtomicLong();
        vm.useClock(() -> seconds.getAndIncrement() * 1_000_000_000L);
        vm.useImportanceSettings(new ImportanceSettings(2, 8, 8));
        AssistantVersion version = response();
        vm.show(subject(version));
        vm.planImportance();
        ImportancePlan plan = vm.importancePlanProperty().get();
        int steps = plan.steps().size();
        int total = plan.continuations();
        assertTrue(total < 90, "the expected texts below count seconds: " + total);
        vm.startImportance();
        assertNull(vm.importancePlanProperty().get());
        assertTrue(vm.probingProperty().get() && vm.resamplingProperty().get());
        assertFalse(vm.canProbeProperty().get(), "no second probe while one runs");
        assertEquals("A probe is running.", vm.probeUnavailableProperty().get());
        assertEquals("Resampling step 1 of " + steps + "…", vm.importanceTextProperty().get());

        List<String> texts = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        drainUntil(() -> !vm.resamplingProperty().get(), () -> {
            texts.add(vm.importanceTextProperty().get());
            progress.add(vm.importanceProgressProperty().get());
        });

        List<String> expected = new ArrayList<>();
        List<Double> expectedProgress = new ArrayList<>();
        for (int done = 1; done < total; done++) {
            // after done continuations done seconds have passed: the rest at a second each, once 2 s have passed
            String left = done < 2 ? "" : ", about " + (total - done) + " s left";
            expected.add("Resampling step " + (done / 4 + 1) + " of " + steps + " (continuation " + (done + 1) + " of "
                    + total + ")" + left + "…");
            expectedProgress.add(done / (double) total);
        }
        expected.add("Finishing…");
        expectedProgress.add(1.0);
        Importance result = vm.importanceProperty().get();
        assertNotNull(result);
        assertTrue(result.complete());
        expected.add(ImportanceTexts.summary(result, steps));
        expectedProgress.add(1.0);
        assertEquals(expected, texts);
        assertEquals(expectedProgress, progress);
        assertFalse(vm.probingProperty().get());
        assertTrue(vm.canProbeProperty().get());

        assertEquals(steps, result.steps().size());
        for (StepResampling s : result.steps()) {
            assertEquals(2, s.answersBefore().size());
            assertEquals(2, s.answersAfter().size());
            assertEquals(s.shareAfter() - s.shareBefore(), s.importance(), 1e-12);
            assertEquals(s, vm.resamplingOf(s.step()));
        }

        // The scripted continuations stop at once: a run that generated nothing gives nothing to judge the next by
        // (InspectorRealModelTest covers a run that did).
        assertEquals(0, result.tokens());
        vm.planImportance();
        assertNull(vm.importancePlanProperty().get().lastRun());
        vm.dismissImportancePlan();

        assertEquals(1, saved.size(), "a complete result is kept with the response");
        ProbeResults kept = saved.getFirst().apply(ProbeResults.NONE);
        assertEquals(result, kept.importance());

        int calls = model.forwardCalls.size();
        vm.show(null);
        assertNull(vm.importanceProperty().get());
        vm.show(subject(version.withProbes(kept)));
        assertEquals(result, vm.importanceProperty().get(), "shown again without running the model");
        assertEquals(ImportanceTexts.summary(result, steps), vm.importanceTextProperty().get());
        assertEquals(calls, model.forwardCalls.size());

        StepResampling first = result.steps().getFirst();
        vm.selectImportanceStep(first.step());
        String detail = vm.importanceDetailProperty().get();
        assertTrue(detail.startsWith(String.format(Locale.ROOT, "Step %d \"I add the tens first: 40.\""
                + " · importance %+.2f", first.step() + 1, first.importance())), detail);
        assertTrue(detail.contains("Before it: " + Math.round(first.shareBefore() * 2) + " of 2 reached 44"), detail);
    }

    @Test
    void aPlanConfirmedWhileWhenDidItKnowRunsWaitsForItWithAReasonAndStartsAfterIt() throws Exception {
        InspectorViewModel vm = viewModel();
        vm.useImportanceSettings(new ImportanceSettings(1, 8, 8));
        vm.show(subject(response()));
        vm.planImportance();
        ImportancePlan plan = vm.importancePlanProperty().get();
        assertNotNull(plan);
        assertEquals("", vm.importanceWaitingProperty().get());

        vm.probeConvergence(); // pressed while the cost is on screen: it holds the model until its end is shown
        assertTrue(vm.convergingProperty().get());
        vm.startImportance();
        assertEquals(plan, vm.importancePlanProperty().get(), "the confirmed plan was dropped without a word");
        assertFalse(vm.resamplingProperty().get());
        assertEquals("Start is available once “When did it know?” ends.", vm.importanceWaitingProperty().get());

        drainUntil(() -> !vm.probingProperty().get(), () -> { });
        assertNotNull(vm.convergenceProperty().get());
        assertEquals("", vm.importanceWaitingProperty().get());
        assertEquals(plan, vm.importancePlanProperty().get());
        vm.startImportance();
        assertNull(vm.importancePlanProperty().get());
        assertTrue(vm.resamplingProperty().get());
        drainUntil(() -> !vm.resamplingProperty().get(), () -> { });
        assertNotNull(vm.importanceProperty().get());
        assertTrue(vm.importanceProperty().get().complete());
    }

    @Test
    void cancellingShowsTheFinishedStepsAndKeepsNothing() throws Exception {
        InspectorViewModel vm = viewModel();
        vm.useImportanceSettings(new ImportanceSettings(1, 8, 8));
        vm.show(subject(response()));
        vm.planImportance();
        int steps = vm.importancePlanProperty().get().steps().size();
        CountDownLatch atSecondStep = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        int[] handedOver = {0};
        // Hold the model thread once the first step's two continuations are done (its second progress report).
        onHandOver = () -> {
            if (++handedOver[0] != 2) return;
            atSecondStep.countDown();
            try {
                assertTrue(cancelled.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        vm.startImportance();
        assertTrue(atSecondStep.await(30, TimeUnit.SECONDS));
        vm.cancelProbe();
        cancelled.countDown();
        drainUntil(() -> !vm.resamplingProperty().get(), () -> { });

        Importance partial = vm.importanceProperty().get();
        assertNotNull(partial);
        assertFalse(partial.complete());
        assertEquals(1, partial.steps().size(), "the step that finished before the cancel");
        assertEquals(String.format(Locale.ROOT, "Cancelled after 1 of %d steps (%,d tokens generated): the finished"
                + " steps are shown; only a complete run is kept with the response.", steps, partial.tokens()),
                vm.importanceTextProperty().get());
        assertTrue(saved.isEmpty(), "a cancelled run is not kept");
        assertFalse(vm.probingProperty().get());
        assertTrue(vm.canProbeProperty().get());
    }

    @Test
    void theButtonIsRefusedWithAReasonWithoutALocalIdleModel() throws Exception {
        InspectorViewModel vm = viewModel();
        AssistantVersion version = response();

        loaded = null;
        vm.show(subject(version));
        assertFalse(vm.canProbeProperty().get());
        assertEquals("No model is loaded: the probes run a local model.", vm.probeUnavailableProperty().get());
        vm.planImportance();
        assertNull(vm.importancePlanProperty().get());

        loaded = generator;
        idle = false;
        vm.onFrame(0);
        assertEquals("Not while the model is generating.", vm.probeUnavailableProperty().get());
        vm.planImportance();
        assertNull(vm.importancePlanProperty().get());

        idle = true;
        vm.onFrame(0);
        assertEquals("", vm.probeUnavailableProperty().get());
        assertTrue(vm.canProbeProperty().get());
    }

    @Test
    void movingToAnotherResponseWhileAProbeRunsLeavesNoProbeRunningOnceItEnds() throws Exception {
        InspectorViewModel vm = viewModel();
        vm.useImportanceSettings(new ImportanceSettings(1, 8, 8));
        vm.show(subject(response()));
        vm.planImportance();
        CountDownLatch atSecondStep = new CountDownLatch(1);
        CountDownLatch movedOn = new CountDownLatch(1);
        int[] handedOver = {0};
        onHandOver = () -> {
            if (++handedOver[0] != 2) return;
            atSecondStep.countDown();
            try {
                assertTrue(movedOn.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        vm.startImportance();
        assertTrue(atSecondStep.await(30, TimeUnit.SECONDS));
        vm.show(null); // the user opened another conversation: the probe of this response is cancelled
        movedOn.countDown();
        // once the model thread is free again, every result the cancelled probe handed over is queued
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                generator.probe(session -> null).result().get(30, TimeUnit.SECONDS);
                break;
            } catch (IllegalStateException busy) {
                if (System.nanoTime() > deadline) throw new AssertionError("the probe never ended");
                Thread.sleep(20);
            }
        }
        drain();

        assertFalse(vm.probingProperty().get(), "the cancelled probe ended: sending and branching must work again");
        assertFalse(vm.resamplingProperty().get());
    }
}

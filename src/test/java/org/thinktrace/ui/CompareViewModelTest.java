package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.inspect.InspectedResponse;
import org.thinktrace.inspect.TraceComparer;
import org.thinktrace.inspect.TraceInspector;
import org.thinktrace.inspect.TraceStep;

/** The compare view's state: the default pair, the rows, the divergence mark and the sentence on the answers. */
class CompareViewModelTest {

    private static final String QUESTION = "What is 2 + 2?";

    /** A version made of the given token pieces (id = the piece's hash), the first {@code thinking} of them thinking. */
    private static AssistantVersion version(List<String> pieces, int thinking, BranchOrigin origin) {
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(0);
        for (int i = 0; i < pieces.size(); i++) {
            recorder.add(new TokenInfo(pieces.get(i).hashCode(), pieces.get(i), i < thinking ? Phase.THINKING : Phase.ANSWER,
                    0.5f, 0.5f, List.of()));
        }
        String thinkingText = String.join("", pieces.subList(0, thinking)).strip();
        String answer = String.join("", pieces.subList(thinking, pieces.size()));
        return new AssistantVersion(thinkingText, answer, ResponseState.COMPLETE, FinishReason.EOS, false, false, null,
                SamplingSettings.r1Defaults(), 512, 0, null, recorder.snapshot(), 1_000L, origin, null);
    }

    private static final List<String> FOUR = List.of("Add ", "two ", "and ", "two.\n\n", "Let me check: ", "yes.\n\n",
            "So it is four.", "The answer is ", "**4**");
    private static final List<String> FIVE = List.of("Add ", "two ", "and ", "three.\n\n", "Let me check: ", "yes.\n\n",
            "So it is five.", "The answer is ", "**5**");

    @Test
    void theDefaultPairIsTheOriginElseThePreviousVersion() {
        AssistantVersion plain = version(FOUR, 7, null);
        AssistantVersion branched = version(FIVE, 7, new BranchOrigin(0, 3, "two.", "three.", false));
        assertArrayEquals(new int[] {0, 2}, CompareViewModel.defaultPair(List.of(plain, plain, branched), 2));
        assertArrayEquals(new int[] {1, 2}, CompareViewModel.defaultPair(List.of(plain, plain, plain), 2));
        assertArrayEquals(new int[] {0, 1}, CompareViewModel.defaultPair(List.of(plain, plain), 0));
    }

    @Test
    void rowsFollowTheStepAlignmentAndMarkTheDivergingToken() {
        AssistantVersion a = version(FOUR, 7, null);
        AssistantVersion b = version(FIVE, 7, new BranchOrigin(0, 3, "two.", "three.", false));
        CompareViewModel vm = new CompareViewModel();
        vm.show("m1", QUESTION, List.of(a, b), 0, 1);

        assertTrue(vm.openProperty().get());
        InspectedResponse ra = InspectedResponse.of(QUESTION, a);
        InspectedResponse rb = InspectedResponse.of(QUESTION, b);
        var pairs = TraceComparer.compare(ra, rb).steps();
        List<TraceStep> stepsA = TraceInspector.steps(ra);
        List<TraceStep> stepsB = TraceInspector.steps(rb);
        assertEquals(pairs.size() + 1, vm.rows().size(), "a row per aligned pair, then the answers");
        for (int i = 0; i < pairs.size(); i++) {
            CompareViewModel.Row row = vm.rows().get(i);
            assertEquals(pairs.get(i).stepA(), row.stepA());
            assertEquals(pairs.get(i).stepB(), row.stepB());
            assertEquals(row.stepA() < 0 ? "" : stepsA.get(row.stepA()).text(), row.textA());
            assertEquals(row.stepB() < 0 ? "" : stepsB.get(row.stepB()).text(), row.textB());
            assertEquals(pairs.get(i).change().name(), row.kind().name());
        }
        CompareViewModel.Row answers = vm.rows().getLast();
        assertEquals(CompareViewModel.Kind.ANSWER, answers.kind());
        assertEquals("The answer is **4**", answers.textA());

        int marked = vm.divergenceRowProperty().get();
        CompareViewModel.Row row = vm.rows().get(marked);
        assertEquals("two.", row.textA().substring(row.markA().from(), row.markA().to()).strip());
        assertEquals("three.", row.textB().substring(row.markB().from(), row.markB().to()).strip());
        for (int i = 0; i < marked; i++) assertEquals(CompareViewModel.Kind.KEPT, vm.rows().get(i).kind());
        assertEquals("Version 1 answers 4, version 2 answers 5.", vm.verdictProperty().get());
        assertTrue(vm.divergenceTextProperty().get().startsWith("First divergence at token 3 (thinking): \"two.\\n\\n\""),
                vm.divergenceTextProperty().get());
        assertEquals("Version 2 (branched at token 3: \"two.\" → \"three.\")", vm.headerBProperty().get());
    }

    @Test
    void pickingAnotherPairComparesAgain() {
        AssistantVersion a = version(FOUR, 7, null);
        AssistantVersion b = version(FIVE, 7, null);
        AssistantVersion c = version(FOUR, 7, null);
        CompareViewModel vm = new CompareViewModel();
        vm.show("m1", QUESTION, List.of(a, b, c), 0, 1);
        assertEquals(3, vm.choices().size());
        vm.versionBProperty().set(2);
        assertEquals("Both answer 4.", vm.verdictProperty().get());
        assertEquals("The two versions are identical.", vm.divergenceTextProperty().get());
        assertEquals(-1, vm.divergenceRowProperty().get());
        assertTrue(vm.rows().stream().noneMatch(CompareViewModel.Row::diverges));
        assertTrue(vm.rows().stream().limit(vm.rows().size() - 1).allMatch(r -> r.kind() == CompareViewModel.Kind.KEPT));
        vm.close();
        assertTrue(!vm.openProperty().get());
    }

    @Test
    void withoutTokensTheDivergenceIsFoundInTheText() {
        AssistantVersion a = new AssistantVersion("Add two and two.", "4", ResponseState.COMPLETE, FinishReason.EOS,
                false, false, null, SamplingSettings.r1Defaults(), 512, 0, null, null, 1L, null, null);
        AssistantVersion b = new AssistantVersion("Add two and two.", "no idea", ResponseState.COMPLETE,
                FinishReason.EOS, false, false, null, SamplingSettings.r1Defaults(), 512, 0, null, null, 1L, null, null);
        CompareViewModel vm = new CompareViewModel();
        vm.show("m1", QUESTION, List.of(a, b), 0, 1);
        CompareViewModel.Row answers = vm.rows().getLast();
        assertEquals(vm.rows().size() - 1, vm.divergenceRowProperty().get());
        assertEquals("4", answers.textA().substring(answers.markA().from(), answers.markA().to()));
        assertEquals("no", answers.textB().substring(answers.markB().from(), answers.markB().to()));
        assertNull(vm.rows().getFirst().markA());
        assertEquals("Version 1 answers 4, version 2 answers idea.", vm.verdictProperty().get());
        assertTrue(vm.divergenceTextProperty().get().contains("answer"), vm.divergenceTextProperty().get());
    }

    @Test
    void aPairChosenWhileAnotherIsComparedShowsNoRowsUntilItsOwnAndOneComparisonRunsAtATime() {
        AssistantVersion four = version(FOUR, 7, null);
        AssistantVersion five = version(FIVE, 7, new BranchOrigin(0, 3, "two.", "three.", false));
        java.util.ArrayDeque<Runnable> work = new java.util.ArrayDeque<>();
        CompareViewModel vm = new CompareViewModel(work::add, Runnable::run);
        vm.show("m1", QUESTION, List.of(four, five, four), 0, 1);
        assertEquals(1, work.size());
        assertEquals("Comparing…", vm.verdictProperty().get());

        vm.versionBProperty().set(2); // versions 1 and 3, while 1 and 2 are still being compared
        assertEquals(1, work.size(), "the new pair waits for the running comparison");
        assertTrue(vm.rows().isEmpty());
        assertEquals("Version 3", vm.headerBProperty().get());

        work.poll().run(); // 1 and 2 end: their result is not shown, 1 and 3 start
        assertTrue(vm.rows().isEmpty(), "no rows of versions 1 and 2 under the headers of 1 and 3");
        assertEquals("Comparing…", vm.verdictProperty().get());
        assertEquals(1, work.size());
        work.poll().run();
        assertTrue(vm.rows().stream().allMatch(r -> r.kind() == CompareViewModel.Kind.KEPT
                || r.kind() == CompareViewModel.Kind.ANSWER), "versions 1 and 3 are the same: " + vm.rows());
        assertEquals(-1, vm.divergenceRowProperty().get());
        assertTrue(work.isEmpty());
    }

    /** {@code v} while it is still being generated. */
    private static AssistantVersion generating(AssistantVersion v) {
        return new AssistantVersion(v.thinking(), v.answer(), ResponseState.IN_PROGRESS, null, false, false, null,
                v.sampling(), 512, 0, null, v.tokens(), 1_000L, null, null);
    }

    @Test
    void whileOpenItOffersAVersionAddedOnceFinishedAndEmptiesWhenTheResponseIsDeleted() {
        AssistantVersion four = version(FOUR, 7, null);
        AssistantVersion five = version(FIVE, 7, null);
        CompareViewModel vm = new CompareViewModel();
        vm.show("m1", QUESTION, List.of(four, five), 0, 1);
        List<CompareViewModel.Row> rows = List.copyOf(vm.rows());
        assertEquals("m1", vm.messageId());

        vm.follow(List.of(four, five, generating(four))); // Regenerate pressed
        assertEquals(2, vm.choices().size(), "a version still being written is not offered yet");
        assertEquals("Version 3 is being generated: it can be picked here once it has finished.",
                vm.noticeProperty().get());

        vm.follow(List.of(four, five, four)); // it finished
        assertEquals(List.of("Version 1", "Version 2", "Version 3"), vm.choices());
        assertEquals("Version 3 was added: pick it above to compare it.", vm.noticeProperty().get());
        assertEquals(0, vm.versionAProperty().get());
        assertEquals(1, vm.versionBProperty().get());
        assertEquals(rows, vm.rows(), "the pair on screen stays");
        vm.versionBProperty().set(2);
        assertEquals("Both answer 4.", vm.verdictProperty().get());
        assertEquals("", vm.noticeProperty().get());

        vm.follow(null); // the response was deleted
        assertTrue(vm.openProperty().get());
        assertTrue(vm.deletedProperty().get());
        assertEquals("This response was deleted, so there is nothing left to compare.", vm.noticeProperty().get());
        assertTrue(vm.choices().isEmpty() && vm.rows().isEmpty());
        assertEquals("", vm.verdictProperty().get());
        assertEquals("", vm.divergenceTextProperty().get());
        assertEquals("", vm.headerAProperty().get());
        assertEquals(-1, vm.divergenceRowProperty().get());

        vm.follow(List.of(four, five, four)); // its conversation's deletion was undone
        assertFalse(vm.deletedProperty().get());
        assertEquals(3, vm.choices().size());
        assertEquals(0, vm.versionAProperty().get());
        assertEquals(2, vm.versionBProperty().get());
        assertEquals("Both answer 4.", vm.verdictProperty().get());

        vm.close();
        vm.follow(null);
        assertFalse(vm.deletedProperty().get(), "a closed view does not follow");
    }
}

package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;
import org.thinktrace.chat.Convergence;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.InterimAnswer;
import org.thinktrace.chat.StepResampling;

/**
 * The inspector over the real bundled model, headless: "Continue with this instead" makes a version that keeps
 * the original's tokens up to the branch point, "When did it know?" draws the convergence chart, and "Importance"
 * shows its cost, then a bar per step, and keeps the result with the response.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorRealModelTest extends BundledModelTestBase {

    private static final String QUESTION = "What is 738 + 456?";

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private void openWithTheBundledModel() throws Exception {
        openWithTheBundledModel(new AppSettings(SamplingSettings.greedy(), 400, 0, "", false, Theme.LIGHT, 14),
                ModelLoader.local(), FileDialogs.system());
        ask(QUESTION);
        clickOn(".inspect-thinking");
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent() && vm.inspector().tokensProperty().get() != null);
    }

    @Test
    void continuingWithAnAlternativeKeepsTheTokensBeforeTheBranchPoint() throws Exception {
        openWithTheBundledModel();
        AssistantVersion original = response().current();
        int branchAt = original.tokens().thinkingTokens() / 2;
        List<TokenAlternative> offered = fx(() -> vm.inspector().alternativesOf(branchAt));
        assertFalse(offered.isEmpty(), "the model recorded alternatives at token " + branchAt);
        fx(() -> {
            vm.inspector().focus(branchAt);
            return null;
        });
        clickOn(".branch-alternative");
        waitLong(() -> vm.stateProperty().get() == AppState.READY && response().versions().size() == 2);

        AssistantMessage message = response();
        assertEquals(1, message.selected());
        AssistantVersion branched = message.current();
        int[] originalIds = original.tokens().ids();
        int[] branchedIds = branched.tokens().ids();
        assertArrayEquals(Arrays.copyOf(originalIds, branchAt), Arrays.copyOf(branchedIds, branchAt));
        assertEquals(offered.getFirst().id(), branchedIds[branchAt]);
        assertNotEquals(originalIds[branchAt], branchedIds[branchAt]);
        assertEquals(branchAt, branched.origin().tokenIndex());
        String label = fx(() -> lookup(".inspector-origin").queryAs(Label.class).getText());
        assertEquals(branched.origin().label(), label);
        assertTrue(label.startsWith("branched at token " + branchAt + ": "), label);
        assertEquals("2/2", fx(() -> lookup(".version-label").queryAs(Label.class).getText()));
    }

    @Test
    void whenDidItKnowDrawsTheInterimAnswersAndTheSettledStep() throws Exception {
        openWithTheBundledModel();
        int steps = fx(() -> vm.inspector().inspectionProperty().get().steps().size());
        clickOn(".inspector-probe");
        waitLong(() -> vm.inspector().convergenceProperty().get() != null);

        Convergence c = fx(() -> vm.inspector().convergenceProperty().get());
        assertEquals(steps, c.steps().size());
        assertEquals("1194", c.finalAnswer());
        // The settled step, recomputed: the first step from which every interim answer is the final one.
        int settled = -1;
        for (int i = c.steps().size() - 1; i >= 0 && c.steps().get(i).answer().equals(c.finalAnswer()); i--) settled = i;
        assertEquals(settled, c.settledStep());
        assertTrue(settled >= 0, "the answer settles before the thinking ends: " + c.steps());

        List<Region> cells = fx(() -> lookup(".convergence-chart").queryAs(ConvergenceChart.class).cells());
        assertEquals(steps, cells.size());
        for (int i = 0; i < steps; i++) {
            InterimAnswer interim = c.steps().get(i);
            String expected = interim.answer().isEmpty() ? "interim-none"
                    : interim.answer().equals("1194") ? "interim-same" : "interim-other";
            assertTrue(cells.get(i).getStyleClass().contains(expected), "step " + i + ": " + cells.get(i).getStyleClass());
            assertEquals(i == settled, cells.get(i).getStyleClass().contains("settled"), "step " + i);
        }
        String summary = fx(() -> lookup(".convergence-summary").queryAs(Label.class).getText());
        assertEquals(c.summary(steps), summary);
        assertTrue(summary.startsWith("The answer settled at step " + (settled + 1) + " of " + steps + ";"), summary);
    }

    @Test
    void editingAStepContinuesFromTheEditedTextInANewVersion() throws Exception {
        openWithTheBundledModel();
        AssistantVersion original = response().current();
        List<org.thinktrace.inspect.TraceStep> steps = fx(() -> vm.inspector().inspectionProperty().get().steps());
        assertTrue(steps.size() >= 3, "steps: " + steps.size());
        org.thinktrace.inspect.TraceStep step = steps.get(2);
        clickOn(".inspector-steps .title");
        fx(() -> {
            lookup(".inspector-steps .list-view").queryListView().getSelectionModel().select(2);
            return null;
        });
        waitUntil(() -> {
            Button edit = lookup(".edit-step").queryButton();
            return edit.isVisible() && !edit.isDisabled() && edit.getScene().getWindow().getHeight()
                    > edit.localToScene(edit.getBoundsInLocal()).getMaxY();
        });
        clickOn(".edit-step");
        waitUntil(() -> lookup(".step-edit-text").tryQuery().isPresent());
        String edited = "I will add 700 + 400 first.";
        fx(() -> {
            lookup(".step-edit-text").queryAs(javafx.scene.control.TextArea.class).setText(edited);
            return null;
        });
        clickOn("Continue from here");
        waitLong(() -> vm.stateProperty().get() == AppState.READY && response().versions().size() == 2);

        AssistantVersion version = response().current();
        int kept = step.tokens().from();
        assertTrue(version.origin().edited());
        assertEquals(kept, version.origin().tokenIndex());
        assertArrayEquals(Arrays.copyOf(original.tokens().ids(), kept), Arrays.copyOf(version.tokens().ids(), kept));
        String before = original.thinking().substring(0, step.chars().from());
        // the line break that followed the step follows the edit too, so the model starts a step of its own
        String rest = original.thinking().substring(step.chars().to());
        String separator = rest.substring(0, rest.length() - rest.stripLeading().length());
        assertTrue(separator.contains("\n"), "a line break follows the step: '" + separator + "'");
        assertTrue(version.thinking().startsWith(before + edited + separator), version.thinking());
        assertFalse(Character.isWhitespace(version.thinking().charAt((before + edited + separator).length())),
                "the model's next step starts after the separator: " + version.thinking());
        assertTrue(fx(() -> lookup(".inspector-origin").queryAs(Label.class).getText())
                .startsWith("edited at token " + kept + ": "));
    }

    @Test
    void importanceShowsItsCostThenABarPerStepAndKeepsTheResult() throws Exception {
        openWithTheBundledModel();
        fx(() -> {
            vm.inspector().useImportanceSettings(new ImportanceSettings(1, 8, 8));
            return null;
        });
        int steps = fx(() -> vm.inspector().inspectionProperty().get().steps().size());
        clickOn(".inspector-importance");
        waitUntil(() -> lookup(".importance-start").queryButton().isVisible());
        ImportancePlan plan = fx(() -> vm.inspector().importancePlanProperty().get());
        assertEquals(plan.describe(), fx(() -> lookup(".importance-cost").queryAs(Label.class).getText()));
        assertTrue(plan.describe().contains("tokens/s, this response's decode rate"), "the rate was measured: "
                + plan.describe());
        assertTrue(fx(() -> lookup(".inspector-importance").queryButton().isDisabled()), "asked once");
        clickOn(".importance-start");
        waitLong(() -> vm.inspector().importanceProperty().get() != null);

        Importance result = fx(() -> vm.inspector().importanceProperty().get());
        assertTrue(result.complete());
        assertEquals(plan.steps().size(), result.steps().size());
        List<ImportanceBar> bars = fx(() -> lookup(".importance-chart").queryAs(ImportanceChart.class).bars());
        assertEquals(steps, bars.size(), "one bar per step, aligned with the step list");
        for (StepResampling s : result.steps()) {
            ImportanceBar bar = bars.get(s.step());
            String expected = s.importance() > 0 ? "importance-towards" : s.importance() < 0 ? "importance-away"
                    : "importance-zero";
            assertTrue(bar.getStyleClass().contains(expected), "step " + s.step() + ": " + bar.getStyleClass());
            assertEquals(s.shareAfter() - s.shareBefore(), bar.value(), 1e-12);
        }
        StepResampling first = result.steps().getFirst();
        clickOn(bars.get(first.step()));
        waitUntil(() -> lookup(".importance-detail").queryAs(Label.class).isVisible());
        String detail = fx(() -> lookup(".importance-detail").queryAs(Label.class).getText());
        assertEquals(fx(() -> vm.inspector().describeImportance(first.step())), detail);
        assertTrue(detail.startsWith("Step " + (first.step() + 1) + " \""), detail);
        assertTrue(detail.contains("Before it: ") && detail.contains("After it: "), detail);
        waitUntil(() -> result.equals(((AssistantMessage) vm.currentMessages().getLast()).current().probes().importance()));

        // The next plan is judged by this run: its share of the maximum, at its own pace.
        ImportancePlan next = fx(() -> {
            vm.inspector().planImportance();
            return vm.inspector().importancePlanProperty().get();
        });
        ResamplingPace pace = next.lastRun();
        assertNotNull(pace, next.describe());
        assertEquals(result.tokens() / (double) plan.maxTokens(), pace.shareOfMaximum(), 1e-12);
        assertTrue(next.describe().endsWith(", judging by the last run on this model."), next.describe());
        fx(() -> {
            vm.inspector().dismissImportancePlan();
            return null;
        });
    }
}

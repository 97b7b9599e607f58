package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the inspector panel says where a tool cannot do what it usually does, headless: the panel on a stage of its
 * own over a view-model on a scripted model (whose model thread the test can hold inside a probe).
 */
@ExtendWith(ApplicationExtension.class)
class InspectorNoticesTest extends ScriptedInspectorBase {

    private final FxRobot robot = new FxRobot();
    private final AtomicBoolean hold = new AtomicBoolean();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Stage stage;

    @Start
    void start(Stage testStage) {
        stage = testStage;
        model.beforeForward(call -> {
            if (!hold.getAndSet(false)) return;
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterEach
    void releaseModel() {
        release.countDown();
    }

    /** The panel on the test's stage, showing a response to "What is 22 + 22?". */
    private InspectorViewModel panelShowingAResponse() throws Exception {
        var version = response();
        return DesktopTestBase.fx(() -> {
            InspectorViewModel vm = viewModel(Platform::runLater);
            vm.useImportanceSettings(new ImportanceSettings(1, 8, 8));
            vm.show(subject(version));
            stage.setScene(new Scene(new InspectorView(vm), 480, 720));
            stage.show();
            return vm;
        });
    }

    private Node node(String query) {
        return robot.lookup(query).query();
    }

    private boolean shown(String query) {
        return robot.lookup(query).tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false);
    }

    @Test
    void aPlanWaitingForWhenDidItKnowSaysSoAndStartsOnceItEnds() throws Exception {
        InspectorViewModel vm = panelShowingAResponse();
        DesktopTestBase.fx(() -> {
            vm.planImportance();
            return null;
        });
        DesktopTestBase.waitUntil(() -> shown(".importance-start") && !node(".importance-start").isDisabled()
                && !shown(".importance-waiting"));

        hold.set(true);
        DesktopTestBase.fx(() -> {
            ((Button) node(".inspector-probe")).fire();
            return null;
        });
        assertTrue(held.await(20, TimeUnit.SECONDS), "\"When did it know?\" holds the model");
        DesktopTestBase.waitUntil(() -> node(".importance-start").isDisabled() && shown(".importance-waiting"));
        assertEquals("Start is available once “When did it know?” ends.",
                DesktopTestBase.fx(() -> ((Label) node(".importance-waiting")).getText()));
        assertTrue(DesktopTestBase.fx(() -> shown(".importance-cost")), "the plan's cost stays on screen");

        release.countDown();
        DesktopTestBase.waitUntil(() -> !vm.probingProperty().get() && !node(".importance-start").isDisabled()
                && !shown(".importance-waiting"));
        DesktopTestBase.fx(() -> {
            ((Button) node(".importance-start")).fire();
            return null;
        });
        DesktopTestBase.waitUntil(() -> vm.importanceProperty().get() != null && !vm.probingProperty().get());
        assertNotNull(vm.convergenceProperty().get());
    }

    /** The text of the tooltip installed on {@code node}, or null. */
    private static String tooltipOf(Node node) {
        return node.getProperties().get("javafx.scene.control.Tooltip") instanceof javafx.scene.control.Tooltip tip
                ? tip.getText() : null;
    }

    @Test
    void aReadOnlyWindowSaysWhyItCannotBranchAndThatItsResultsAreNotSaved() throws Exception {
        writable = false;
        InspectorViewModel vm = panelShowingAResponse();
        DesktopTestBase.fx(() -> {
            vm.focus(3); // a token of the first step: its alternatives are offered, disabled
            return null;
        });
        DesktopTestBase.waitUntil(() -> shown(".branch-alternative") && node(".branch-alternative").isDisabled()
                && node(".edit-step").isDisabled());
        java.util.List<String> tips = DesktopTestBase.fx(() -> robot.lookup(".explained").queryAll().stream()
                .map(InspectorNoticesTest::tooltipOf).toList());
        assertTrue(tips.size() >= 2, "the alternatives' buttons and Edit step: " + tips);
        for (String tip : tips) assertEquals(InspectorViewModel.READ_ONLY_BRANCH, tip);

        DesktopTestBase.fx(() -> {
            ((Button) node(".inspector-probe")).fire();
            return null;
        });
        DesktopTestBase.waitUntil(() -> vm.convergenceProperty().get() != null && !vm.probingProperty().get());
        String summary = DesktopTestBase.fx(() -> ((Label) node(".convergence-summary")).getText());
        assertTrue(summary.endsWith(" " + InspectorViewModel.NOT_SAVED), summary);
    }
}

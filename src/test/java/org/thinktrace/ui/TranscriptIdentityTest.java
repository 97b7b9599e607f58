package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/** A send or regenerate adds or replaces only the views of what changed; every other message view stays the same object. */
@ExtendWith(ApplicationExtension.class)
class TranscriptIdentityTest extends DesktopTestBase {

    private MainViewModel vm;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private void send(String text) throws Exception {
        fx(() -> {
            vm.composerTextProperty().set(text);
            return null;
        });
        clickOn(".composer-input").type(KeyCode.ENTER);
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() % 2 == 0
                && ((AssistantMessageViewModel) vm.transcript().getLast()).phaseProperty().get() == ResponsePhase.COMPLETE);
    }

    private List<Node> messageViews() throws Exception {
        return fx(() -> List.copyOf(lookup(".transcript-messages").queryAs(VBox.class).getChildren()));
    }

    @Test
    void messageViewsKeepTheirIdentityAcrossSendsAndARegenerate() throws Exception {
        vm = InspectorPanelTest.open(() -> openWindow(stage, ScriptedGenerator.unpaced(
                List.of("Adding.\n\n", "Done."), List.of("The ", "answer ", "is ", "**4**", "."))));
        send("What is 2 + 2?");
        List<Node> first = messageViews();
        assertEquals(2, first.size());

        send("And 3 + 3?");
        List<Node> second = messageViews();
        assertEquals(4, second.size());
        assertSame(first.get(0), second.get(0), "the first question's view is kept");
        assertSame(first.get(1), second.get(1), "the first response's view is kept");

        clickOn(fx(() -> second.get(3).lookup(".regenerate")));
        waitUntil(() -> vm.stateProperty().get() == AppState.READY
                && "2/2".equals(((Label) lookup(".transcript-messages").queryAs(VBox.class).getChildren().getLast()
                        .lookup(".version-label")).getText()));
        List<Node> third = messageViews();
        assertEquals(4, third.size());
        for (int i = 0; i < 3; i++) assertSame(second.get(i), third.get(i), "message " + i + " keeps its view");
        assertNotSame(second.get(3), third.get(3), "the regenerated response streams into a new view");
        assertTrue(third.get(3).getStyleClass().contains("assistant-message"));
    }
}

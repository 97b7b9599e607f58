package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * At the window's default size and at its smallest, no label, button or check box of the main window or the
 * Settings dialog is cut (its skin draws the whole text, no ellipsis), and no search hint is cut by its field.
 */
@ExtendWith(ApplicationExtension.class)
class NothingClipsTest extends DesktopTestBase {

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    /** The stage is shared by every test of the JVM: leave it at the default size. */
    @org.junit.jupiter.api.AfterEach
    void restoreSize() throws Exception {
        fx(() -> {
            stage.setWidth(MainWindow.DEFAULT_WIDTH);
            stage.setHeight(MainWindow.DEFAULT_HEIGHT);
            return null;
        });
    }

    @Test
    void nothingIsCutAtTheDefaultSize() throws Exception {
        checkAt(MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT);
    }

    @Test
    void nothingIsCutAtTheSmallestSize() throws Exception {
        checkAt(MainWindow.MIN_WIDTH, MainWindow.MIN_HEIGHT);
    }

    private void checkAt(double width, double height) throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Adding ", "two ", "and ", "two."),
                List.of("The ", "answer ", "is ", "\\boxed{4}", "."));
        MainViewModel vm = fx(() -> openWindow(stage, generator));
        fx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            vm.composerTextProperty().set("What is 2+2?");
            vm.send();
            return null;
        });
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        Thread.sleep(300);
        assertEquals(width, fx(() -> stage.getWidth()));
        List<String> cut = fx(() -> cutTexts(stage.getScene().getRoot()));
        assertEquals(List.of(), cut, "cut in the main window at " + width + " × " + height);
        List<String> outside = fx(() -> outsideTheWindow(stage.getScene().getRoot(),
                ".composer-input", ".send", ".status-bar", ".open-settings", ".new-chat", ".conversation-search"));
        assertEquals(List.of(), outside, "partly outside the window at " + width + " × " + height);

        press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitUntil(() -> lookup(".settings-form").tryQuery().isPresent());
        Thread.sleep(300);
        Window dialog = fx(() -> lookup(".settings-form").query().getScene().getWindow());
        List<String> cutInSettings = fx(() -> cutTexts(dialog.getScene().getRoot()));
        int checked = fx(() -> labeledsUnder(dialog.getScene().getRoot()).size());
        type(KeyCode.ESCAPE);
        assertTrue(checked >= 15, "the dialog's labels were found: " + checked);
        assertEquals(List.of(), cutInSettings, "cut in the Settings dialog at " + width + " × " + height);
    }

    /** The selectors whose node does not lie wholly inside the scene. */
    private static List<String> outsideTheWindow(Node root, String... selectors) {
        List<String> outside = new ArrayList<>();
        for (String selector : selectors) {
            Node node = root.lookup(selector);
            javafx.geometry.Bounds b = node.localToScene(node.getBoundsInLocal());
            javafx.scene.Scene scene = root.getScene();
            if (b.getMinX() < 0 || b.getMinY() < 0 || b.getMaxX() > scene.getWidth() + 0.5
                    || b.getMaxY() > scene.getHeight() + 0.5) {
                outside.add(selector + " at " + b + " in a scene of " + scene.getWidth() + " × " + scene.getHeight());
            }
        }
        return outside;
    }

    /** Texts drawn shorter than they are: a label whose skin shows an ellipsis, a hint wider than its field. */
    private static List<String> cutTexts(Node root) {
        List<String> cut = new ArrayList<>(DrawnTexts.cut(labeledsUnder(root)));
        for (TextField field : DrawnTexts.visible(root, TextField.class)) {
            String hint = field.getPromptText();
            if (hint == null || hint.isEmpty() || !field.getText().isEmpty()) continue;
            Text probe = new Text(hint);
            probe.setFont(field.getFont());
            double room = field.getWidth() - field.snappedLeftInset() - field.snappedRightInset();
            if (probe.getLayoutBounds().getWidth() > room) cut.add("hint '" + hint + "' in a field " + room + " px wide");
        }
        return cut;
    }

    private static List<Labeled> labeledsUnder(Node root) {
        return DrawnTexts.visible(root, Labeled.class);
    }
}

package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The conversation list can be hidden (the header's toggle or Ctrl+B) so that a narrow window has room for the
 * transcript and the inspector; it comes back where its divider was, and a new window opens as the last one was left.
 */
@ExtendWith(ApplicationExtension.class)
class ConversationListToggleTest extends DesktopTestBase {

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private double centreWidth() throws Exception {
        return fx(() -> lookup(".inspector-split").query().getLayoutBounds().getWidth());
    }

    private double mainDivider() throws Exception {
        return fx(() -> lookup(".main-split").queryAs(SplitPane.class).getDividerPositions()[0]);
    }

    private boolean toggleSelected() throws Exception {
        return fx(() -> lookup(".toggle-conversation-list").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void theListHidesAndComesBackAndANewWindowOpensAsTheLastWasLeft() throws Exception {
        MainViewModel vm = fx(() -> openWindowWithoutModel(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> lookup(".conversation-list").tryQuery().map(Node::isVisible).orElse(false));
        assertTrue(toggleSelected());
        double divider = mainDivider();
        double narrow = centreWidth();

        clickOn(".composer-input");
        press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        waitUntil(() -> !window.conversationListShown() && centreWidth() > narrow + 100);
        assertTrue(lookup(".conversation-list").tryQuery().isEmpty(), "the list is out of the window");
        assertFalse(toggleSelected());
        waitUntil(() -> Files.readString(home.resolve("config").resolve("settings.json"))
                .matches("(?s).*\"conversationListHidden\"\\s*:\\s*true.*"));

        // The header's toggle brings it back where its divider was.
        clickOn(".toggle-conversation-list");
        waitUntil(() -> window.conversationListShown() && Math.abs(centreWidth() - narrow) < 2);
        assertTrue(toggleSelected());
        assertEquals(divider, mainDivider(), 0.01);

        // Hidden again; the next window opens without it.
        clickOn(".toggle-conversation-list");
        waitUntil(() -> !window.conversationListShown());
        fx(() -> {
            stage.close();
            vm.close();
            return null;
        });
        Stage second = fx(Stage::new);
        fx(() -> openWindowWithoutModel(second, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> lookup(".toggle-conversation-list").tryQuery().isPresent());
        assertFalse(window.conversationListShown());
        assertFalse(toggleSelected());
        fx(() -> {
            second.close();
            return null;
        });
    }

    @Test
    void savingTheSettingsDialogKeepsTheListHidden() {
        AppSettings hidden = AppSettings.defaults().withConversationListHidden(true);
        assertTrue(new SettingsViewModel(hidden).toSettings().orElseThrow().conversationListHidden());
        assertFalse(new SettingsViewModel(AppSettings.defaults()).toSettings().orElseThrow().conversationListHidden());
    }
}

package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.ConversationListLayout;
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

    private boolean toggleSelected() throws Exception {
        return fx(() -> lookup(".toggle-conversation-list").queryAs(ToggleButton.class).isSelected());
    }

    private double listWidth() throws Exception {
        return fx(() -> lookup(".conversation-list").query().getLayoutBounds().getWidth());
    }

    @Test
    void theListHidesAndComesBackAsWideAsItWasAndANewWindowOpensAsTheLastWasLeft() throws Exception {
        MainViewModel vm = fx(() -> openWindowWithoutModel(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> lookup(".conversation-list").tryQuery().map(Node::isVisible).orElse(false)
                && listWidth() > 0);
        assertTrue(toggleSelected());
        // The user widens the list by 90 px.
        double wider = listWidth() + 90;
        fx(() -> {
            SplitPane split = lookup(".main-split").queryAs(SplitPane.class);
            split.setDividerPositions(split.getDividerPositions()[0] + 90 / split.getWidth());
            return null;
        });
        waitUntil(() -> Math.abs(listWidth() - wider) < 2);
        double beside = centreWidth();

        clickOn(".composer-input");
        press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        waitUntil(() -> !window.conversationListShown() && centreWidth() > beside + wider - 10);
        assertTrue(lookup(".conversation-list").tryQuery().isEmpty(), "the list is out of the window");
        assertFalse(toggleSelected());
        waitUntil(() -> Files.readString(home.resolve("config").resolve("settings.json"))
                .matches("(?s).*\"hidden\"\\s*:\\s*true.*"));

        // The header's toggle brings it back as wide as it was.
        clickOn(".toggle-conversation-list");
        waitUntil(() -> window.conversationListShown() && Math.abs(listWidth() - wider) < 2);
        assertTrue(toggleSelected());

        // Hidden again and the window closed: the next window opens without it, and shows it as wide.
        clickOn(".toggle-conversation-list");
        waitUntil(() -> !window.conversationListShown());
        fx(() -> {
            stage.close();
            vm.close();
            return null;
        });
        ConversationListLayout saved = new org.thinktrace.chat.SettingsStore(home.resolve("config")).load().settings()
                .conversationList();
        assertTrue(saved.hidden());
        assertEquals(wider, saved.width(), 8, "the list's width, with half its divider");
        Stage second = fx(Stage::new);
        MainViewModel secondVm = fx(() -> {
            second.setWidth(MainWindow.DEFAULT_WIDTH);
            second.setHeight(MainWindow.DEFAULT_HEIGHT);
            return openWindowWithoutModel(second, ScriptedGenerator.unpaced(List.of(), List.of()));
        });
        waitUntil(() -> lookup(".toggle-conversation-list").tryQuery().isPresent());
        assertFalse(window.conversationListShown());
        assertFalse(toggleSelected());
        clickOn(".toggle-conversation-list");
        waitUntil(() -> window.conversationListShown() && Math.abs(listWidth() - wider) < 2);

        // Shown when the window closes: the next one opens with it, as wide.
        fx(() -> {
            second.close();
            secondVm.close();
            return null;
        });
        Stage third = fx(Stage::new);
        fx(() -> {
            third.setWidth(MainWindow.DEFAULT_WIDTH);
            third.setHeight(MainWindow.DEFAULT_HEIGHT);
            return openWindowWithoutModel(third, ScriptedGenerator.unpaced(List.of(), List.of()));
        });
        waitUntil(() -> window.conversationListShown() && Math.abs(listWidth() - wider) < 2);
        assertTrue(toggleSelected());
        fx(() -> {
            third.close();
            return null;
        });
    }

    @Test
    void theSearchShortcutsShowAHiddenList() throws Exception {
        fx(() -> openWindowWithoutModel(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> lookup(".conversation-list").tryQuery().map(Node::isVisible).orElse(false));
        for (boolean inEmptyChat : new boolean[] {false, true}) {
            clickOn(".composer-input");
            press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
            waitUntil(() -> !window.conversationListShown());
            clickOn(".composer-input");
            // Ctrl+Shift+F, and Ctrl+F in a conversation with nothing in it yet, search the conversations.
            if (inEmptyChat) press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
            else press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
            waitUntil(() -> window.conversationListShown() && stage.getScene().getFocusOwner() instanceof TextField field
                    && field.getStyleClass().contains("conversation-search"));
        }
    }

    @Test
    void savingTheSettingsDialogKeepsTheListHidden() {
        AppSettings hidden = AppSettings.defaults().withConversationList(new ConversationListLayout(true, 320));
        assertEquals(hidden.conversationList(), new SettingsViewModel(hidden).toSettings().orElseThrow()
                .conversationList());
        assertFalse(new SettingsViewModel(AppSettings.defaults()).toSettings().orElseThrow().conversationList().hidden());
    }
}

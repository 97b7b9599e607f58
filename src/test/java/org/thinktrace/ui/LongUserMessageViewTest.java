package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/** A pasted file in a user message: its beginning until expanded, at most 100,000 characters expanded, sent whole. */
@ExtendWith(ApplicationExtension.class)
class LongUserMessageViewTest extends DesktopTestBase {

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private MainViewModel sentAndAnswered(String message) throws Exception {
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of("Hm."), List.of("Ok."))));
        fx(() -> {
            vm.composerTextProperty().set(message);
            vm.send();
            return null;
        });
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == 2);
        return vm;
    }

    private void fire(String query) throws Exception {
        fx(() -> {
            lookup(query).queryAs(Button.class).fire();
            return null;
        });
    }

    private String bubble() throws Exception {
        return fx(() -> lookup(".user-bubble").queryAs(Label.class).getText());
    }

    @Test
    void aLongPasteShowsItsFirstTwelveLinesUntilShowAllThenAllOfItAndShowLessAgain() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 2_000; i++) log.append("line ").append(i).append(i < 2_000 ? "\n" : "");
        MainViewModel vm = sentAndAnswered(log.toString());
        assertEquals(log.toString(), fx(() -> ((UserMessageViewModel) vm.transcript().getFirst()).text()),
                "sent whole");

        assertEquals(LongMessage.beginning(log.toString()) + " …", bubble());
        assertTrue(bubble().startsWith("line 1\nline 2\n") && bubble().contains("line 12 …")
                && !bubble().contains("line 13"), bubble().substring(0, 40));
        assertEquals("Show all · 2,000 lines", fx(() -> lookup(".show-all-message").queryAs(Button.class).getText()));

        clickOn(".show-all-message");
        waitUntil(() -> bubble().equals(log.toString()));
        assertEquals("Show less", fx(() -> lookup(".show-all-message").queryAs(Button.class).getText()));
        assertFalse(fx(() -> lookup(".message-cut-note").query().isVisible()), "nothing is left out");

        fire(".show-all-message");                          // below the expanded text, out of view
        waitUntil(() -> bubble().endsWith("line 12 …"));
    }

    @Test
    void expandedAHugePasteShowsAHundredThousandCharactersAndSaysSoWhileEditTakesItWhole() throws Exception {
        String huge = "0123456789 ".repeat(9_100) + "end";       // 100,103 characters on one line
        MainViewModel vm = sentAndAnswered(huge);
        assertEquals(LongMessage.SHOWN_CHARS + 2, bubble().length(), "its first 1,500 characters and \" …\"");
        assertEquals("Show all · 1 line", fx(() -> lookup(".show-all-message").queryAs(Button.class).getText()));
        clickOn(".show-all-message");
        waitUntil(() -> bubble().length() == LongMessage.MOST_SHOWN_CHARS);
        assertTrue(huge.startsWith(bubble()));
        Label note = fx(() -> lookup(".message-cut-note").queryAs(Label.class));
        assertTrue(fx(note::isVisible));
        assertEquals("Showing the first 100,000 of 100,103 characters; Copy and Edit take the whole message.",
                fx(note::getText));

        fire(".edit-message");                              // below the expanded text, out of view
        waitUntil(() -> huge.equals(vm.composerTextProperty().get()));
    }

    @Test
    void aShortMessageIsShownWholeWithoutAShowAllButton() throws Exception {
        sentAndAnswered("What is 17 + 25?\nShow your work.");
        assertEquals("What is 17 + 25?\nShow your work.", bubble());
        assertTrue(fx(() -> lookup(".show-all-message").tryQuery().isEmpty()));
    }
}

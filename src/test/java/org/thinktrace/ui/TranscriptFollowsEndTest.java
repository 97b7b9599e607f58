package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The transcript follows the end of a response that grows past the window while the user stays at the bottom (the
 * scroll pane's own keeping of the position on a resized content, which puts a content that first outgrows the
 * window at its top, is not taken for the user scrolling away).
 */
@ExtendWith(ApplicationExtension.class)
class TranscriptFollowsEndTest extends DesktopTestBase {

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    @Test
    void aResponseGrowingPastTheWindowIsFollowedToItsEnd() throws Exception {
        List<String> answer = new ArrayList<>();
        for (int i = 0; i < 120; i++) answer.add("Paragraph " + i + " of the answer.\n\n");
        ScriptedGenerator generator = new ScriptedGenerator(List.of("Thinking", " briefly."), answer);
        MainViewModel vm = InspectorPanelTest.open(() -> openWindow(stage, generator));
        send(vm, "Write a long answer");
        TranscriptView transcript = fx(() -> lookup(".transcript").queryAs(TranscriptView.class));
        // a few paragraphs a frame or so, as a model writes them
        for (int i = 0; i < 122; i += 2) {
            generator.release(2);
            Thread.sleep(15);
        }
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        waitUntil(() -> transcript.getContent().getLayoutBounds().getHeight() > 3 * transcript.getViewportBounds().getHeight());
        Thread.sleep(200);
        assertEquals(fx(transcript::getVmax), fx(transcript::getVvalue), "the transcript shows the end of the response");
    }
}

package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The transcript lays its messages out as a {@link MeasuredColumn}: once laid out, every message's height is
 * remembered, and a new response measures only itself, so a frame of a response streaming at the end of a long
 * conversation does not lay out the text of every earlier message again.
 */
@ExtendWith(ApplicationExtension.class)
class TranscriptLayoutTest extends DesktopTestBase {

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private MeasuredColumn messages() {
        return lookup(".transcript-messages").queryAs(MeasuredColumn.class);
    }

    @Test
    void everyLaidOutMessageKeepsItsHeightsWhileAnotherResponseArrives() throws Exception {
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of("Let", " me", " think."),
                List.of("The", " answer", " is", " **4**."))));
        for (int i = 0; i < 4; i++) {
            send(vm, "Question " + i);
            int messages = 2 * (i + 1);
            waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == messages);
        }
        List<Node> views = fx(() -> List.copyOf(messages().getChildren()));
        assertEquals(8, views.size());

        // The next response: a layout pass after it remembers every message's heights.
        send(vm, "Question 4");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == 10);
        fx(() -> {
            messages().requestLayout();
            return null;
        });
        waitUntil(() -> messages().rememberedBlocks() == 10);
        // A change inside the last response forgets its heights only; the next pass measures it alone.
        int remembered = fx(() -> {
            ((javafx.scene.Parent) messages().getChildren().getLast()).requestLayout();
            return messages().rememberedBlocks();
        });
        assertEquals(9, remembered);
        List<Node> now = fx(() -> List.copyOf(messages().getChildren()));
        assertTrue(now.subList(0, 8).equals(views), "the earlier message views stay as they were");
    }
}

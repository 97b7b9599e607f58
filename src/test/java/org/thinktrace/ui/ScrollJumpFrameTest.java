package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * A scroll that brings a new screen into view (of the transcript or of the inspector's text) is reported to the
 * window's {@link ViewportJumps}, and the frame that lays it out applies at most {@link FramePump#JUMP_FRAME_CHARACTERS}
 * of the streamed text, where a frame without a jump applies up to {@link AssistantMessageViewModel#FRAME_CHARACTERS}.
 */
@ExtendWith(ApplicationExtension.class)
class ScrollJumpFrameTest extends DesktopTestBase {

    /** Longest token of the script below: a frame stops at the first token past its budget. */
    private static final int LONGEST_TOKEN = 12;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    @Test
    void aFrameWithAJumpTakesAQuarterOfTheStreamedTextAndJumpsAreReportedByBothViews() throws Exception {
        List<String> thinking = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) thinking.add(i % 40 == 39 ? " step" + i + ".\n\n" : " w" + i);
        List<String> answer = new ArrayList<>();
        for (int i = 0; i < 300; i++) answer.add("Paragraph " + i + " of the answer.\n\n");
        ScriptedGenerator generator = ScriptedGenerator.unpaced(thinking, answer);
        MainViewModel vm = InspectorPanelTest.open(() -> openWindow(stage, generator));
        fx(() -> {
            vm.inspector().openProperty().set(true);
            vm.composerTextProperty().set("Think for a long time");
            return null;
        });
        clickOn(".composer-input").type(KeyCode.ENTER);
        // The generator has made every token long before the window shows them: each frame takes a full budget.
        waitUntil(() -> vm.transcript().size() == 2 && thinkingShown(vm) > 5_000 && generator.delivered() == 6_300);

        int calm = charactersInNextFrame(vm, false);
        assertTrue(calm > FramePump.JUMP_FRAME_CHARACTERS + LONGEST_TOKEN, "a frame without a jump: " + calm);
        assertTrue(calm < AssistantMessageViewModel.FRAME_CHARACTERS + LONGEST_TOKEN, "a frame without a jump: " + calm);
        int crowded = charactersInNextFrame(vm, true);
        assertTrue(crowded > 0 && crowded < FramePump.JUMP_FRAME_CHARACTERS + LONGEST_TOKEN,
                "the frame that lays out a jump: " + crowded);

        // the stored trace has replaced the streamed one in the inspector (shown from its start)
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent() && vm.inspector().tokensProperty().get() != null);
        TranscriptView transcript = fx(() -> lookup(".transcript").queryAs(TranscriptView.class));
        TraceTextView inspectorText = fx(() -> lookup(".inspector").queryAs(InspectorView.class).textView());
        ViewportJumps jumps = window.viewportJumps();
        double[] heights = fx(() -> new double[] {transcript.getContent().getLayoutBounds().getHeight(),
                transcript.getViewportBounds().getHeight()});
        assertTrue(heights[0] > 3 * heights[1], "the transcript is several screens tall: " + heights[0] + " in " + heights[1]);
        fx(() -> {
            transcript.setVvalue(transcript.getVmax());
            return null;
        });
        waitUntil(() -> !jumps.pending());
        assertTrue(fx(() -> {
            transcript.setVvalue(transcript.getVmax() * 0.98);
            return !jumps.pending();
        }), "a scroll of less than a screen is not a jump");
        waitUntil(() -> !jumps.pending());
        assertTrue(fx(() -> {
            transcript.setVvalue(0);
            return jumps.pending();
        }), "the transcript scrolled from its end to its start jumped");
        waitUntil(() -> !jumps.pending());
        assertTrue(fx(() -> {
            inspectorText.showParagraphAtTop(inspectorText.paragraphCount() - 1);
            return jumps.pending();
        }), "the inspector's text shown at its last paragraph jumped");
        waitUntil(() -> !jumps.pending());
        assertFalse(fx(() -> {
            inspectorText.showParagraphAtTop(inspectorText.paragraphCount() - 1);
            return jumps.pending();
        }), "showing a paragraph already on screen at the top is not a jump");
    }

    private static int thinkingShown(MainViewModel vm) {
        return vm.transcript().size() < 2 ? 0
                : ((AssistantMessageViewModel) vm.transcript().getLast()).thinkingProperty().get().length();
    }

    /**
     * The characters of thinking applied in the next frame, with a jump reported before it when {@code jump}: read
     * between pulses (a runnable on the FX thread) and again right after the next pulse's layout pass.
     */
    private int charactersInNextFrame(MainViewModel vm, boolean jump) throws Exception {
        CompletableFuture<Integer> applied = new CompletableFuture<>();
        fx(() -> {
            int before = thinkingShown(vm);
            if (jump) window.viewportJumps().jumped();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                stage.getScene().removePostLayoutPulseListener(once[0]);
                applied.complete(thinkingShown(vm) - before);
            };
            stage.getScene().addPostLayoutPulseListener(once[0]);
            return null;
        });
        return applied.get(30, TimeUnit.SECONDS);
    }
}

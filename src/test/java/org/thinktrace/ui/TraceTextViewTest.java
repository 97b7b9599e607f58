package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The inspector's trace text view on its own, against independent references: the text as written, each paragraph
 * laid out by a plain {@link Text} of the same characters, font and width (where a character's glyph lies comes from
 * that text's caret positions), and the heat bins that were painted.
 */
@ExtendWith(ApplicationExtension.class)
class TraceTextViewTest extends DesktopTestBase {

    private TraceTextView view;

    @Start
    void start(Stage testStage) {
        stage = testStage;
        view = new TraceTextView();
        stage.setScene(new Scene(view, 420, 300));
        stage.show();
    }

    /** A trace of {@code paragraphs} paragraphs of words, some of them long enough to wrap. */
    private static String trace(int paragraphs) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            if (p > 0) text.append(p % 7 == 3 ? "\n\n" : "\n");
            int words = 3 + (p * 13) % 40;
            for (int w = 0; w < words; w++) text.append(w == 0 ? "" : " ").append("w").append(p).append('.').append(w);
        }
        return text.toString();
    }

    /** The point, in {@code cell}'s coordinates, at the middle of character {@code index} of its paragraph. */
    private static Point2D referenceCentre(TraceParagraphCell cell, int index) {
        Text base = (Text) cell.getChildrenUnmodifiable().stream()
                .filter(n -> n.getStyleClass().contains("trace-paragraph-text")).findFirst().orElseThrow();
        Text reference = new Text(base.getText());
        reference.setFont(base.getFont());
        reference.setWrappingWidth(base.getWrappingWidth());
        reference.setTextOrigin(base.getTextOrigin());
        Bounds leading = new Path(reference.caretShape(index, true)).getLayoutBounds();
        Bounds trailing = new Path(reference.caretShape(index, false)).getLayoutBounds();
        double x = (leading.getCenterX() + trailing.getCenterX()) / 2;
        return base.localToParent(x, leading.getCenterY());
    }

    private static List<Path> heatPaths(TraceParagraphCell cell, int bin) {
        return cell.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Path path && HeatScale.background(bin).equals(path.getFill()))
                .map(n -> (Path) n).toList();
    }

    /** The text nodes of {@code cell} that draw a glyph at {@code point} (in the cell's coordinates), unclipped there. */
    private static List<Text> textsDrawingAt(TraceParagraphCell cell, Point2D point) {
        List<Text> drawing = new ArrayList<>();
        for (Node node : cell.getChildrenUnmodifiable()) {
            if (!(node instanceof Text text) || !text.isVisible()) continue;
            Point2D local = text.parentToLocal(point);
            if (text.getClip() == null || text.getClip().contains(local)) drawing.add(text);
        }
        return drawing;
    }

    private void showText(String all) throws Exception {
        fx(() -> {
            view.replace(all);
            return null;
        });
    }

    @Test
    void appendedTextIsSplitIntoParagraphsAndShownAsWritten() throws Exception {
        String all = trace(40);
        fx(() -> {
            for (int at = 0; at < all.length(); at += 37) view.append(all.substring(at, Math.min(all.length(), at + 37)));
            return null;
        });
        assertEquals(all, fx(view::text));
        String[] reference = all.split("\n", -1);
        assertEquals(reference.length, (int) fx(view::paragraphCount));
        waitUntil(() -> !view.visibleCells().isEmpty());
        for (TraceParagraphCell cell : fx(view::visibleCells)) {
            int index = fx(() -> cell.item().index());
            Text base = fx(() -> (Text) cell.getChildrenUnmodifiable().stream()
                    .filter(n -> n.getStyleClass().contains("trace-paragraph-text")).findFirst().orElseThrow());
            assertEquals(reference[index], fx(base::getText), "paragraph " + index);
        }
    }

    @Test
    void theHeatDrawnUnderEachCharacterIsTheBinPaintedThere() throws Exception {
        String all = trace(30);
        byte[] bins = new byte[all.length()];
        Random random = new Random(5);
        for (int i = 0; i < bins.length; ) {
            int run = 1 + random.nextInt(6);
            byte bin = (byte) (random.nextInt(HeatScale.BINS + 1) - 1);
            for (int j = i; j < Math.min(bins.length, i + run); j++) bins[j] = bin;
            i += run;
        }
        fx(() -> {
            view.replace(all);
            view.paintHeat(bins);
            view.showParagraphAtTop(4);
            return null;
        });
        waitUntil(() -> !view.visibleCells().isEmpty() && view.visibleCells().getFirst().item().index() == 4);
        int checked = fx(() -> {
            int count = 0;
            for (TraceParagraphCell cell : view.visibleCells()) {
                TraceParagraph paragraph = cell.item();
                for (int i = paragraph.start(); i < paragraph.end(); i++) {
                    Point2D centre = referenceCentre(cell, i - paragraph.start());
                    if (centre.getY() > cell.getHeight()) continue;
                    for (int b = 1; b < HeatScale.BINS; b++) {
                        boolean drawn = heatPaths(cell, b).stream().anyMatch(p -> covers(p, centre));
                        assertEquals(bins[i] == b, drawn, "bin " + b + " at character " + i + " painted " + bins[i]);
                    }
                    List<Text> texts = textsDrawingAt(cell, centre);
                    assertEquals(1, texts.size(), "one text draws character " + i);
                    if (bins[i] > 0) assertEquals(HeatScale.textFill(bins[i]), texts.getFirst().getFill(), "text colour at " + i);
                    else assertTrue(texts.getFirst().getStyleClass().contains("trace-paragraph-text"), "theme colour at " + i);
                    assertEquals(i, view.charAtScreen(cell.localToScreen(centre)), "the character under its glyph");
                    count++;
                }
            }
            return count;
        });
        assertTrue(checked > 200, "characters checked: " + checked);

        // Switching the heat off draws none, and only the painted bytes are reported.
        byte[] none = new byte[all.length()];
        java.util.Arrays.fill(none, HeatScale.NONE);
        fx(() -> {
            view.paintHeat(none);
            return null;
        });
        waitUntil(() -> view.visibleCells().stream().allMatch(cell -> java.util.stream.IntStream.range(1, HeatScale.BINS)
                .allMatch(b -> heatPaths(cell, b).isEmpty()) && cell.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Text).count() == 1));
        assertTrue(java.util.Arrays.equals(none, fx(view::heat)));
    }

    @Test
    void theCharacterUnderThePointerIsHoveredAndClicked() throws Exception {
        String all = trace(12);
        List<Integer> hovered = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> clicked = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            view.replace(all);
            view.setOnCharHover(new TextHover.Listener() {
                @Override
                public void begin(int charIndex, Point2D screen) {
                    hovered.add(charIndex);
                }

                @Override
                public void end() {
                    hovered.add(-1);
                }
            });
            view.setOnCharClick(clicked::add);
            return null;
        });
        int target = all.indexOf("w2.3");
        waitUntil(() -> view.charBoundsOnScreen(target, target + 1).isPresent());
        Bounds box = fx(() -> view.charBoundsOnScreen(target, target + 1).orElseThrow());
        moveTo(new Point2D(box.getCenterX(), box.getCenterY()));
        waitUntil(() -> hovered.contains(target));
        clickOn(new Point2D(box.getCenterX(), box.getCenterY()));
        waitUntil(() -> clicked.contains(target));
        assertTrue(hovered.contains(-1), "the hover ended when the button was pressed: " + hovered);
    }

    @Test
    void aFloodOfCombiningMarksIsShownCutWhileHeatPointerAndSelectionKeepTheTextsOffsets() throws Exception {
        // Zalgo text: JavaFX lays out a letter under thousands of marks in seconds, so the run is shown cut to a few;
        // the offsets of the text (heat, hover, selection, copy) still name the text's own characters.
        String flood = "\u0301".repeat(5_000);
        String all = "First line\nwait" + flood + " then more\nlast";
        int then = all.indexOf("then");
        byte[] bins = new byte[all.length()];
        java.util.Arrays.fill(bins, HeatScale.NONE);
        for (int i = then; i < then + 4; i++) bins[i] = 3;
        fx(() -> {
            view.replace(all);
            view.paintHeat(bins);
            return null;
        });
        waitUntil(() -> view.charBoundsOnScreen(then, then + 1).isPresent());
        TraceParagraphCell cell = fx(() -> view.visibleCells().stream().filter(c -> c.item().index() == 1)
                .findFirst().orElseThrow());
        String shown = fx(() -> ((Text) cell.getChildrenUnmodifiable().stream()
                .filter(n -> n.getStyleClass().contains("trace-paragraph-text")).findFirst().orElseThrow()).getText());
        assertEquals("wait" + "\u0301".repeat(CombiningMarks.MAX_RUN) + " then more", shown);

        int start = fx(() -> cell.item().start());
        int cut = flood.length() - CombiningMarks.MAX_RUN;
        fx(() -> {
            for (int i = start; i < fx(() -> cell.item().end()); i++) {
                if (i >= start + 4 + CombiningMarks.MAX_RUN && i < start + 4 + flood.length()) continue; // not shown
                int inShown = i - start < 4 + flood.length() ? i - start : i - start - cut;
                Point2D centre = referenceCentre(cell, inShown);
                boolean drawn = heatPaths(cell, 3).stream().anyMatch(p -> covers(p, centre));
                assertEquals(bins[i] == 3, drawn, "heat at character " + i);
                if (!CombiningMarks.isMark(all.charAt(i))) {
                    assertEquals(i, view.charAtScreen(cell.localToScreen(centre)), "the character under its glyph");
                }
            }
            return null;
        });

        // A selection across the run takes all of it.
        int wait = all.indexOf("wait");
        dragSelect(wait, then);
        assertEquals(all.substring(wait, then), fx(view::selectedText));
        // Release elsewhere, far from where the next test presses: a press near this one soon after counts as a
        // second click (a word selection).
        Bounds window = fx(() -> view.localToScreen(view.getLayoutBounds()));
        clickOn(new Point2D(window.getMaxX() - 4, window.getMaxY() - 4));
    }

    /** Drags the pointer from the start of character {@code from} to the start of character {@code to}. */
    private void dragSelect(int from, int to) throws Exception {
        waitUntil(() -> view.charBoundsOnScreen(to, to + 1).isPresent());
        Bounds first = fx(() -> view.charBoundsOnScreen(from, from + 1).orElseThrow());
        Bounds last = fx(() -> view.charBoundsOnScreen(to, to + 1).orElseThrow());
        drag(new Point2D(first.getMinX() + 1, first.getCenterY())).dropTo(new Point2D(last.getMinX() + 1, last.getCenterY()));
    }

    @Test
    void aSelectionMadeWithTheMouseIsCopied() throws Exception {
        String all = trace(12);
        showText(all);
        int from = all.indexOf("w1.2");
        int to = all.indexOf("w3.1");
        dragSelect(from, to);
        assertEquals(all.substring(from, to), fx(view::selectedText));
        press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        assertEquals(all.substring(from, to), fx(() -> Clipboard.getSystemClipboard().getString()));

        // The selection is drawn under exactly the selected characters.
        fx(() -> {
            for (TraceParagraphCell cell : view.visibleCells()) {
                Path selection = pathWith(cell, "trace-selection");
                TraceParagraph paragraph = cell.item();
                for (int i = paragraph.start(); i < paragraph.end(); i++) {
                    Point2D centre = referenceCentre(cell, i - paragraph.start());
                    boolean drawn = covers(selection, centre);
                    assertEquals(i >= from && i < to, drawn, "selection at character " + i);
                }
            }
            return null;
        });
    }

    /** Whether {@code path} (null for none) is drawn under {@code point}, given in its parent's coordinates. */
    private static boolean covers(Path path, Point2D point) {
        return path != null && path.contains(path.parentToLocal(point));
    }

    /** The path of {@code cell} with exactly {@code styleClasses}, or null. */
    private static Path pathWith(TraceParagraphCell cell, String... styleClasses) {
        return (Path) cell.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Path && n.getStyleClass().containsAll(List.of(styleClasses))
                        && n.getStyleClass().size() == styleClasses.length)
                .findFirst().orElse(null);
    }

    @Test
    void marksAreDrawnUnderExactlyTheMarkedCharacters() throws Exception {
        String all = trace(12);
        showText(all);
        int first = all.indexOf("w1.2");
        int second = all.indexOf("w2.0");
        int third = all.indexOf("w3.1");
        List<int[]> ranges = List.of(new int[] {first, first + 4}, new int[] {second, second + 4},
                new int[] {second + 2, second + 6}, new int[] {third, third + 3});
        fx(() -> {
            view.showMarks(ranges, 1);
            return null;
        });
        waitUntil(() -> view.charBoundsOnScreen(third, third + 1).isPresent());
        assertEquals(TextMarks.Kind.MARK, fx(() -> view.markAt(first)));
        assertEquals(TextMarks.Kind.CURRENT, fx(() -> view.markAt(second + 3)));
        assertEquals(TextMarks.Kind.NONE, fx(() -> view.markAt(second + 4)), "an overlapping range is left out");
        assertEquals(TextMarks.Kind.NONE, fx(() -> view.markAt(first - 1)));
        fx(() -> {
            int checked = 0;
            for (TraceParagraphCell cell : view.visibleCells()) {
                Path marks = pathWith(cell, "find-hit");
                Path current = pathWith(cell, "find-hit", "find-current");
                TraceParagraph paragraph = cell.item();
                for (int i = paragraph.start(); i < paragraph.end(); i++) {
                    Point2D centre = referenceCentre(cell, i - paragraph.start());
                    boolean marked = covers(marks, centre);
                    boolean isCurrent = covers(current, centre);
                    boolean inMark = i >= first && i < first + 4 || i >= third && i < third + 3;
                    assertEquals(inMark, marked, "mark at character " + i);
                    assertEquals(i >= second && i < second + 4, isCurrent, "current mark at character " + i);
                    checked++;
                }
            }
            assertTrue(checked > 100, "characters checked: " + checked);
            return null;
        });

        fx(() -> {
            view.showMarks(List.of(), -1);
            return null;
        });
        waitUntil(() -> view.visibleCells().stream().allMatch(cell -> cell.getChildrenUnmodifiable().stream()
                .noneMatch(n -> n.getStyleClass().contains("find-hit"))));
    }

    @Test
    void aDoubleClickSelectsTheWordAndATripleClickTheParagraph() throws Exception {
        String all = "First line here.\nThe quick brown fox jumps over the lazy dog.\nLast line.";
        showText(all);
        int fox = all.indexOf("fox");
        waitUntil(() -> view.charBoundsOnScreen(fox, fox + 1).isPresent());
        Bounds box = fx(() -> view.charBoundsOnScreen(fox + 1, fox + 2).orElseThrow());
        Point2D onFox = new Point2D(box.getCenterX(), box.getCenterY());
        doubleClickOn(onFox);
        assertEquals("fox", fx(view::selectedText));

        moveTo(new Point2D(box.getCenterX() + 1, box.getCenterY()));
        clickOn(onFox).clickOn(onFox).clickOn(onFox);
        assertEquals("The quick brown fox jumps over the lazy dog.", fx(view::selectedText));
        assertEquals(all.indexOf("\nLast"), (int) fx(view::caretPosition), "the caret at the paragraph's end");
    }

    @Test
    void aPlainClickAfterADragSelectionClearsItAndStillClicksTheCharacter() throws Exception {
        String all = trace(12);
        List<Integer> clicked = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            view.replace(all);
            view.setOnCharClick(clicked::add);
            return null;
        });
        int from = all.indexOf("w1.2");
        int to = all.indexOf("w3.1");
        int target = all.indexOf("w5.2") + 1;
        dragSelect(from, to);
        assertEquals(all.substring(from, to), fx(view::selectedText));
        assertTrue(clicked.isEmpty(), "a drag clicks no character: " + clicked);

        waitUntil(() -> view.charBoundsOnScreen(target, target + 1).isPresent());
        Bounds box = fx(() -> view.charBoundsOnScreen(target, target + 1).orElseThrow());
        clickOn(new Point2D(box.getCenterX(), box.getCenterY()));
        waitUntil(() -> clicked.contains(target));
        assertEquals("", fx(view::selectedText), "the click cleared the selection");
        waitUntil(() -> view.visibleCells().stream().allMatch(cell -> cell.getChildrenUnmodifiable().stream()
                .noneMatch(n -> n.getStyleClass().contains("trace-selection"))));
    }

    @Test
    void cellsAreReusedAcrossJumpsAndKeptWhileTextIsAppended() throws Exception {
        String all = trace(400);
        showText(all);
        waitUntil(() -> !view.visibleCells().isEmpty());
        Random random = new Random(3);
        for (int jump = 0; jump < 30; jump++) {
            int paragraph = random.nextInt(fx(view::paragraphCount));
            fx(() -> {
                view.showParagraphAtTop(paragraph);
                return null;
            });
            waitUntil(() -> view.visibleCells().getFirst().item().index() == paragraph
                    || view.visibleCells().getLast().item().index() == view.paragraphCount() - 1);
        }
        int shown = fx(() -> view.visibleCells().size());
        int made = fx(view::cellsMade);
        assertTrue(made <= 3 * shown + 4, made + " cells made for " + shown + " on screen across 30 jumps");

        fx(() -> {
            view.showParagraphAtTop(100);
            return null;
        });
        waitUntil(() -> view.visibleCells().getFirst().item().index() == 100);
        List<TraceParagraphCell> before = fx(view::visibleCells);
        double top = fx(() -> before.getFirst().getLayoutY());
        int paragraphs = fx(view::paragraphCount);
        fx(() -> {
            view.append(" more\nand a new paragraph\n");
            return null;
        });
        waitUntil(() -> view.paragraphCount() == paragraphs + 2);
        List<TraceParagraphCell> after = fx(view::visibleCells);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) assertSame(before.get(i), after.get(i), "cell " + i + " kept");
        assertEquals(top, fx(() -> after.getFirst().getLayoutY()), "the scroll position is kept");
        assertEquals(all + " more\nand a new paragraph\n", fx(view::text));
    }

    @Test
    void theKeyboardScrollsAndSelectsAllWhenFocused() throws Exception {
        String all = trace(200);
        showText(all);
        waitUntil(() -> !view.visibleCells().isEmpty());
        clickOn(view);
        waitUntil(view::isFocused);
        press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        waitUntil(() -> view.visibleCells().getFirst().item().index() > 0);
        int afterPage = fx(() -> view.visibleCells().getFirst().item().index());
        press(KeyCode.PAGE_UP).release(KeyCode.PAGE_UP);
        waitUntil(() -> view.visibleCells().getFirst().item().index() < afterPage);
        press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        assertEquals(all, fx(view::selectedText));
        assertFalse(fx(() -> view.visibleCells().isEmpty()));
    }
}

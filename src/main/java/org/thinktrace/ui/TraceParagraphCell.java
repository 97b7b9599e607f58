package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.IndexRange;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.HitInfo;
import javafx.scene.text.Text;
import org.fxmisc.flowless.Cell;

/**
 * One paragraph of a {@link TraceTextView}, reused for paragraph after paragraph: a wrapped {@link Text} of the
 * paragraph's characters, the confidence heat drawn under it as one {@link Path} per shaded bin (the union of the
 * characters' {@link Text#rangeShape} boxes), and the selection as one more path. Shaded characters take their bin's
 * text colour: the text is drawn three times, each copy clipped to the characters of one colour (the theme's, black
 * on the light shades, white on the dark ones); a paragraph without shaded characters is one unclipped text. Marked
 * characters (find matches) lie on one more path, the current mark on another ({@code find-hit}, {@code find-current}).
 * The heat, the marks and the selection are redrawn at the next layout after {@link #redraw}; nodes are added only
 * when first needed and then kept. FX thread only.
 */
final class TraceParagraphCell extends Region implements Cell<TraceParagraph, TraceParagraphCell> {

    /** What the cells read: the text, its heat, its marks and the selected characters. */
    interface Content {
        TraceText text();

        HeatBins heat();

        TextMarks marks();

        IndexRange selection();
    }

    static final double SIDE_PADDING = 8;
    private static final int PLAIN = 0;
    private static final int ON_LIGHT = 1;
    private static final int ON_DARK = 2;
    private static final Color SELECTION = Color.rgb(84, 174, 255, 0.4);
    private static final Color MARK = Color.rgb(255, 193, 7, 0.45);
    private static final Color CURRENT_MARK = Color.rgb(255, 152, 0, 0.85);

    private final Content content;
    /** The paragraph's text in the theme's colour, and the copies in black and in white (null until needed). */
    private final Text[] texts = new Text[3];
    /** The heat of bins 1 to 7 (null until needed). */
    private final Path[] heat = new Path[HeatScale.BINS];
    private Path selection;
    /** The marks, and the current mark (null until needed). */
    private Path marks;
    private Path currentMark;
    private TraceParagraph item;
    /** The paragraph's characters as shown (runs of combining marks capped), and where they are in the paragraph. */
    private CombiningMarks.Capped shown = CombiningMarks.cap("");
    private boolean stale = true;

    TraceParagraphCell(Content content, TraceParagraph item) {
        this.content = content;
        getStyleClass().add("trace-paragraph");
        Text text = newText();
        text.getStyleClass().add("trace-paragraph-text");
        texts[PLAIN] = text;
        getChildren().add(text);
        updateItem(item);
    }

    @Override
    public TraceParagraphCell getNode() {
        return this;
    }

    @Override
    public boolean isReusable() {
        return true;
    }

    @Override
    public void updateItem(TraceParagraph paragraph) {
        item = paragraph;
        shown = CombiningMarks.cap(content.text().substring(paragraph.start(), paragraph.end()));
        for (Text text : texts) if (text != null) text.setText(shown.shown());
        redraw();
    }

    TraceParagraph item() {
        return item;
    }

    /** Draws the heat and the selection again at the next layout (they changed in this paragraph). */
    void redraw() {
        stale = true;
        requestLayout();
    }

    @Override
    protected double computeMinWidth(double height) {
        return 2 * SIDE_PADDING;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 2 * SIDE_PADDING + texts[PLAIN].getLayoutBounds().getWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        if (width >= 0) wrapTo(width);
        return snappedTopInset() + texts[PLAIN].getLayoutBounds().getHeight() + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        wrapTo(getWidth());
        if (stale) decorate();
        double x = SIDE_PADDING;
        double y = snappedTopInset();
        for (Node child : getChildren()) {
            child.setLayoutX(x);
            child.setLayoutY(y);
        }
    }

    private void wrapTo(double width) {
        double wrapping = Math.max(1, width - 2 * SIDE_PADDING);
        if (texts[PLAIN].getWrappingWidth() == wrapping) return;
        for (Text text : texts) if (text != null) text.setWrappingWidth(wrapping);
        stale = true;
    }

    /** Builds the heat paths, the text copies' clips and the selection path for the paragraph as it is now. */
    private void decorate() {
        stale = false;
        HeatBins bins = content.heat();
        int start = item.start();
        int end = Math.min(item.end(), bins.length());
        Text text = texts[PLAIN];
        List<List<PathElement>> byBin = new ArrayList<>(HeatScale.BINS);
        for (int b = 0; b < HeatScale.BINS; b++) byBin.add(new ArrayList<>());
        List<List<PathElement>> byColour = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int colourFrom = start;
        int colour = PLAIN;
        for (int i = start; i < end; ) {
            byte bin = bins.at(i);
            int j = i + 1;
            while (j < end && bins.at(j) == bin) j++;
            if (bin > 0) byBin.get(bin).addAll(List.of(shape(i - start, j - start)));
            int runColour = colourOf(bin);
            if (runColour != colour) {
                if (i > colourFrom) byColour.get(colour).addAll(List.of(shape(colourFrom - start, i - start)));
                colour = runColour;
                colourFrom = i;
            }
            i = j;
        }
        boolean anyShaded = colour != PLAIN || !byColour.get(ON_LIGHT).isEmpty() || !byColour.get(ON_DARK).isEmpty();
        if (anyShaded && end > colourFrom) {
            byColour.get(colour).addAll(List.of(shape(colourFrom - start, end - start)));
        }
        List<Node> children = new ArrayList<>();
        for (int b = 1; b < HeatScale.BINS; b++) {
            if (byBin.get(b).isEmpty() && heat[b] == null) continue;
            if (heat[b] == null) heat[b] = filled(HeatScale.background(b));
            heat[b].getElements().setAll(byBin.get(b));
            if (!byBin.get(b).isEmpty()) children.add(heat[b]);
        }
        addMarks(children);
        addSelection(children);
        children.add(text);
        text.setClip(anyShaded ? clip(byColour.get(PLAIN)) : null);
        for (int c = ON_LIGHT; c <= ON_DARK; c++) {
            if (byColour.get(c).isEmpty()) continue;
            Text copy = copy(c);
            copy.setClip(clip(byColour.get(c)));
            children.add(copy);
        }
        if (!children.equals(getChildren())) getChildren().setAll(children);
    }

    private void addMarks(List<Node> children) {
        TextMarks all = content.marks();
        if (all.isEmpty()) return;
        List<PathElement> marked = new ArrayList<>();
        List<PathElement> current = new ArrayList<>();
        for (int i = all.firstEndingAfter(item.start()); i < all.ranges().size(); i++) {
            IndexRange range = all.ranges().get(i);
            if (range.getStart() >= item.end()) break;
            int from = Math.max(range.getStart(), item.start()) - item.start();
            int to = Math.min(range.getEnd(), item.end()) - item.start();
            (i == all.current() ? current : marked).addAll(List.of(shape(from, to)));
        }
        if (!marked.isEmpty()) {
            if (marks == null) marks = styled(MARK, "find-hit");
            marks.getElements().setAll(marked);
            children.add(marks);
        }
        if (!current.isEmpty()) {
            if (currentMark == null) currentMark = styled(CURRENT_MARK, "find-hit", "find-current");
            currentMark.getElements().setAll(current);
            children.add(currentMark);
        }
    }

    /** A path filled with {@code fill} unless a style sheet sets the fill of its style classes. */
    private static Path styled(Color fill, String... styleClasses) {
        Path path = filled(fill);
        path.getStyleClass().addAll(styleClasses);
        return path;
    }

    private void addSelection(List<Node> children) {
        IndexRange selected = content.selection();
        int from = Math.max(selected.getStart(), item.start());
        int to = Math.min(selected.getEnd(), item.end());
        if (from >= to) return;
        if (selection == null) selection = styled(SELECTION, "trace-selection");
        selection.getElements().setAll(shape(from - item.start(), to - item.start()));
        children.add(selection);
    }

    private static int colourOf(byte bin) {
        if (bin <= 0) return PLAIN;
        return bin >= HeatScale.FIRST_DARK ? ON_DARK : ON_LIGHT;
    }

    private Text copy(int colour) {
        if (texts[colour] == null) {
            Text copy = newText();
            copy.setFill(colour == ON_DARK ? HeatScale.textFill(HeatScale.FIRST_DARK) : HeatScale.textFill(1));
            copy.fontProperty().bind(texts[PLAIN].fontProperty());
            copy.setWrappingWidth(texts[PLAIN].getWrappingWidth());
            copy.setText(texts[PLAIN].getText());
            texts[colour] = copy;
        }
        return texts[colour];
    }

    private static Text newText() {
        Text text = new Text();
        text.setTextOrigin(VPos.TOP);
        return text;
    }

    private static Path filled(Color fill) {
        Path path = new Path();
        path.setFill(fill);
        path.setStroke(null);
        return path;
    }

    private static Path clip(List<PathElement> elements) {
        Path clip = filled(Color.BLACK);
        clip.getElements().setAll(elements);
        return clip;
    }

    // ---- geometry, in this cell's coordinates -------------------------------------------------------------

    /** The shape of the paragraph's characters {@code [from, to)} as shown (offsets in the paragraph). */
    private PathElement[] shape(int from, int to) {
        return texts[PLAIN].rangeShape(shown.toShown(from), shown.toShown(to));
    }

    /** The offset in the paragraph of the gap between characters nearest to {@code point}. */
    int insertionAt(Point2D point) {
        return shown.toText(hit(point).getInsertionIndex());
    }

    /** The offset in the paragraph of the character under {@code point}, or −1 when it is over none. */
    int charAt(Point2D point) {
        int index = hit(point).getCharIndex();
        if (index < 0 || index >= texts[PLAIN].getText().length()) return -1;
        Bounds box = bounds(texts[PLAIN].rangeShape(index, index + 1));
        return box != null && box.contains(point) ? shown.toText(index) : -1;
    }

    /** The bounds of the paragraph's characters {@code [from, to)}, or null when none of them is shown. */
    Bounds charBounds(int from, int to) {
        return bounds(shape(from, to));
    }

    private Bounds bounds(PathElement[] shape) {
        if (shape.length == 0) return null;
        Path path = new Path(shape);
        path.setStroke(null);
        path.setFill(Color.BLACK); // a path with neither fill nor stroke has empty bounds
        Bounds inText = path.getLayoutBounds();
        return new BoundingBox(inText.getMinX() + SIDE_PADDING, inText.getMinY() + snappedTopInset(),
                inText.getWidth(), inText.getHeight());
    }

    /** The height of one line of the paragraph's text. */
    double lineHeight() {
        return texts[PLAIN].getFont().getSize() * 1.3;
    }

    private HitInfo hit(Point2D point) {
        return texts[PLAIN].hitTest(new Point2D(point.getX() - SIDE_PADDING, point.getY() - snappedTopInset()));
    }
}

package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexRange;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane.ScrollBarPolicy;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualFlow;
import org.fxmisc.flowless.VirtualFlowHit;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * A read-only, wrapped, virtualized text with a confidence heat per character and marked ranges (find matches): the
 * text is appended to or replaced as a whole and split into paragraphs at {@code '\n'}; only the paragraphs on screen
 * have nodes, in cells that are reused as the view scrolls ({@link TraceParagraphCell}), so a jump to another place
 * changes the cells' texts and shapes instead of building nodes. Heat changes redraw only the cells of the characters
 * that changed.
 *
 * <p>Offers a vertical scroll bar (unless {@link #setVbarPolicy} hides it), the mouse wheel, the keyboard when
 * focused (arrows, Page Up/Down, Ctrl+Home/End), selection with the mouse (a drag; Shift+click extends it; a double
 * click selects the word, a triple click the paragraph; a plain click selects nothing) and Ctrl+A, copying the
 * selection (Ctrl+C, or "Copy" in the context menu), a caret that {@link #moveTo} and clicks set, and hover and click
 * callbacks with the character under the pointer. FX thread only.
 */
final class TraceTextView extends StackPane {

    /** How long the pointer rests over a character before {@link #setOnCharHover}'s callback is told. */
    static final Duration HOVER_DELAY = Duration.millis(150);

    private static final KeyCombination COPY = KeyCombination.valueOf("Shortcut+C");
    private static final KeyCombination SELECT_ALL = KeyCombination.valueOf("Shortcut+A");
    private static final KeyCombination TO_START = KeyCombination.valueOf("Shortcut+Home");
    private static final KeyCombination TO_END = KeyCombination.valueOf("Shortcut+End");

    private final TraceText text = new TraceText();
    private final HeatBins heat = new HeatBins();
    private TextMarks marks = TextMarks.NONE;
    private final ObservableList<TraceParagraph> paragraphs = FXCollections.observableArrayList();
    /** Every cell made (those on screen and those pooled for reuse), to redraw those a change touches. */
    private final List<TraceParagraphCell> cells = new ArrayList<>();
    private final VirtualFlow<TraceParagraph, TraceParagraphCell> flow;
    private final VirtualizedScrollPane<VirtualFlow<TraceParagraph, TraceParagraphCell>> scroll;
    private final ReadOnlyIntegerWrapper caret = new ReadOnlyIntegerWrapper(this, "caretPosition");
    private int anchor;
    private IntConsumer onCharClick = index -> { };
    /** Told of scrolls that bring a whole new screen into view; a window's own once {@link #reportJumpsTo} is called. */
    private ViewportJumps jumps = new ViewportJumps();
    private TextHover.Listener onCharHover = new TextHover.Listener() {
        @Override
        public void begin(int charIndex, Point2D screen) {
        }

        @Override
        public void end() {
        }
    };

    TraceTextView() {
        getStyleClass().add("trace-text");
        paragraphs.add(TraceParagraph.of(text, 0));
        TraceParagraphCell.Content content = new TraceParagraphCell.Content() {
            @Override
            public TraceText text() {
                return text;
            }

            @Override
            public HeatBins heat() {
                return heat;
            }

            @Override
            public TextMarks marks() {
                return marks;
            }

            @Override
            public IndexRange selection() {
                return TraceTextView.this.selection();
            }
        };
        flow = VirtualFlow.createVertical(paragraphs, paragraph -> {
            TraceParagraphCell cell = new TraceParagraphCell(content, paragraph);
            cells.add(cell);
            return cell;
        });
        scroll = new VirtualizedScrollPane<>(flow);
        scroll.setHbarPolicy(ScrollBarPolicy.NEVER);
        scroll.setVbarPolicy(ScrollBarPolicy.AS_NEEDED);
        getChildren().add(scroll);
        watchScrollBar();
        setFocusTraversable(true);
        new TextHover(flow, HOVER_DELAY, this::charAt, new TextHover.Listener() {
            @Override
            public void begin(int charIndex, Point2D screen) {
                onCharHover.begin(charIndex, screen);
            }

            @Override
            public void end() {
                onCharHover.end();
            }
        });
        flow.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        flow.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        flow.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || e.getClickCount() != 1) return;
            int index = charAt(new Point2D(e.getX(), e.getY()));
            if (index >= 0) onCharClick.accept(index);
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        setOnContextMenuRequested(e -> contextMenu().show(this, e.getScreenX(), e.getScreenY()));
    }

    // ---- content -------------------------------------------------------------------------------------------

    /** Appends {@code more} to the text (unshaded); the cells on screen and the scroll position stay. */
    void append(String more) {
        if (more.isEmpty()) return;
        int last = text.paragraphCount() - 1;
        text.append(more);
        heat.resize(text.length());
        paragraphs.set(last, TraceParagraph.of(text, last));
        int count = text.paragraphCount();
        if (count > last + 1) {
            List<TraceParagraph> added = new ArrayList<>(count - last - 1);
            for (int p = last + 1; p < count; p++) added.add(TraceParagraph.of(text, p));
            paragraphs.addAll(added);
        }
    }

    /** Replaces the whole text by {@code all} (unshaded), shown from its start with nothing selected. */
    void replace(String all) {
        text.replace(all);
        heat.reset(text.length());
        anchor = 0;
        caret.set(0);
        List<TraceParagraph> shown = new ArrayList<>(text.paragraphCount());
        for (int p = 0; p < text.paragraphCount(); p++) shown.add(TraceParagraph.of(text, p));
        paragraphs.setAll(shown);
        flow.showAsFirst(0);
    }

    /** The whole text (a copy). */
    String text() {
        return text.toString();
    }

    int length() {
        return text.length();
    }

    int paragraphCount() {
        return text.paragraphCount();
    }

    // ---- heat ----------------------------------------------------------------------------------------------

    /**
     * Draws {@code bins}, one per character ({@link HeatScale#NONE} for none); only the paragraphs whose characters'
     * bins changed are drawn again.
     */
    void paintHeat(byte[] bins) {
        HeatBins.Change change = heat.paint(bins);
        if (change != null) redraw(change.from(), change.to());
    }

    /** Draws bin {@code bin} over characters {@code [from, to)}. */
    void paintHeat(int from, int to, byte bin) {
        heat.fill(from, to, bin);
        redraw(from, to);
    }

    /** The heat bin drawn at character {@code index}, {@link HeatScale#NONE} where none. */
    byte heatAt(int index) {
        return heat.at(index);
    }

    /** The heat bin drawn at every character. */
    byte[] heat() {
        return heat.toArray();
    }

    // ---- marks ---------------------------------------------------------------------------------------------

    /**
     * Marks the characters of {@code ranges} ({@code [from, to)} pairs, in order), the one at {@code current} (−1
     * for none) as the current one; an empty list clears the marks. Ranges may reach past the text's end: what lies
     * there is marked once it is appended.
     */
    void showMarks(List<int[]> ranges, int current) {
        TextMarks now = TextMarks.of(ranges, current);
        if (now.equals(marks)) return;
        marks = now;
        for (TraceParagraphCell cell : cells) cell.redraw();
    }

    /** What character {@code index} is marked as. */
    TextMarks.Kind markAt(int index) {
        return marks.at(index);
    }

    // ---- scrolling and the caret ---------------------------------------------------------------------------

    /** When the vertical scroll bar shows (as needed, unless told otherwise). */
    void setVbarPolicy(ScrollBarPolicy policy) {
        scroll.setVbarPolicy(policy);
    }

    /**
     * The height of all paragraphs laid out at the view's width (exact for those laid out, estimated from them for the
     * others); null before any is laid out.
     */
    ObservableValue<Double> totalHeightEstimateProperty() {
        return flow.totalHeightEstimateProperty();
    }

    /** Scrolls so that the last paragraph ends at the bottom of the view. */
    void showLastAtBottom() {
        flow.showAsLast(text.paragraphCount() - 1);
    }

    /** Scrolls so that paragraph {@code paragraph} is the first one shown. */
    void showParagraphAtTop(int paragraph) {
        int first = Math.max(0, Math.min(paragraph, text.paragraphCount() - 1));
        boolean onScreen = !flow.visibleCells().isEmpty()
                && first >= flow.getFirstVisibleIndex() && first <= flow.getLastVisibleIndex();
        if (!onScreen) jumps.jumped();
        flow.showAsFirst(first);
    }

    /**
     * Reports to {@code jumps} every scroll of this view that brings a new screen into view: a paragraph off screen
     * shown at the top, the scroll bar moved by more than the view's height.
     */
    void reportJumpsTo(ViewportJumps jumps) {
        this.jumps = jumps;
    }

    private void watchScrollBar() {
        for (Node child : scroll.getChildrenUnmodifiable()) {
            if (child instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.valueProperty().addListener((obs, old, now) -> {
                    double range = bar.getMax() - bar.getMin();
                    Double total = flow.totalHeightEstimateProperty().getValue();
                    if (range <= 0 || total == null) return;
                    double scrollable = Math.max(0, total - flow.getHeight());
                    jumps.moved((now.doubleValue() - old.doubleValue()) / range * scrollable, flow.getHeight());
                });
            }
        }
    }

    /** Shows the paragraph of character {@code index} at the top and puts the caret there, selecting nothing. */
    void showAtTop(int index) {
        int at = Math.max(0, Math.min(index, text.length()));
        showParagraphAtTop(text.paragraphOf(at));
        moveTo(at);
    }

    /** Puts the caret at offset {@code index}, selecting nothing. */
    void moveTo(int index) {
        select(index, index);
    }

    ReadOnlyIntegerProperty caretPositionProperty() {
        return caret.getReadOnlyProperty();
    }

    int caretPosition() {
        return caret.get();
    }

    // ---- selection -----------------------------------------------------------------------------------------

    /** Selects the characters between offsets {@code from} (the anchor) and {@code to} (the caret). */
    void select(int from, int to) {
        IndexRange before = selection();
        anchor = Math.max(0, Math.min(from, text.length()));
        caret.set(Math.max(0, Math.min(to, text.length())));
        IndexRange after = selection();
        if (before.getLength() > 0) redraw(before.getStart(), before.getEnd());
        if (after.getLength() > 0) redraw(after.getStart(), after.getEnd());
    }

    void selectAll() {
        select(0, text.length());
    }

    /** The selected characters, {@code [start, end)}. */
    IndexRange selection() {
        return IndexRange.normalize(anchor, caret.get());
    }

    String selectedText() {
        IndexRange selected = selection();
        return text.substring(selected.getStart(), selected.getEnd());
    }

    /** Puts the selected text on the clipboard; does nothing when nothing is selected. */
    void copy() {
        if (selection().getLength() > 0) Clipboards.copy(selectedText());
    }

    // ---- the pointer ---------------------------------------------------------------------------------------

    /** Called with the character under the pointer when it is clicked without moving. */
    void setOnCharClick(IntConsumer onClick) {
        onCharClick = onClick;
    }

    /** Told when the pointer has rested over a character for {@link #HOVER_DELAY}, and when it moves on. */
    void setOnCharHover(TextHover.Listener onHover) {
        onCharHover = onHover;
    }

    /** The character under {@code point} (in the flow's coordinates), or −1 when it is over none. */
    private int charAt(Point2D point) {
        VirtualFlowHit<TraceParagraphCell> hit = flow.hit(point.getX(), point.getY());
        if (!hit.isCellHit()) return -1;
        int inParagraph = hit.getCell().charAt(hit.getCellOffset());
        return inParagraph < 0 ? -1 : hit.getCell().item().start() + inParagraph;
    }

    /** The offset of the gap between characters nearest to {@code point} (in the flow's coordinates). */
    private int insertionAt(Point2D point) {
        VirtualFlowHit<TraceParagraphCell> hit = flow.hit(point.getX(), point.getY());
        if (hit.isBeforeCells()) return 0;
        if (hit.isAfterCells()) return text.length();
        return hit.getCell().item().start() + hit.getCell().insertionAt(hit.getCellOffset());
    }

    /** The character under {@code screen} (screen coordinates), or −1 when it is over none. */
    int charAtScreen(Point2D screen) {
        Point2D local = flow.screenToLocal(screen);
        return local == null ? -1 : charAt(local);
    }

    /**
     * The screen bounds of characters {@code [from, to)} within the paragraph of {@code from}, if that paragraph is
     * on screen.
     */
    Optional<Bounds> charBoundsOnScreen(int from, int to) {
        int paragraph = text.paragraphOf(from);
        return flow.getCellIfVisible(paragraph).map(cell -> {
            int start = cell.item().start();
            Bounds inCell = cell.charBounds(from - start, Math.min(to, cell.item().end()) - start);
            return inCell == null ? null : cell.localToScreen(inCell);
        });
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() != MouseButton.PRIMARY) return;
        Point2D point = new Point2D(e.getX(), e.getY());
        int at = insertionAt(point);
        if (e.isShiftDown()) {
            select(anchor, at);
        } else if (e.getClickCount() == 2) {
            int index = charAt(point);
            int paragraph = text.paragraphOf(index < 0 ? Math.min(at, text.length()) : index);
            int start = text.start(paragraph);
            IndexRange word = Words.around(text.paragraph(paragraph), (index < 0 ? at : index) - start);
            select(start + word.getStart(), start + word.getEnd());
        } else if (e.getClickCount() >= 3) {
            int paragraph = text.paragraphOf(Math.min(at, text.length()));
            select(text.start(paragraph), text.end(paragraph));
        } else {
            select(at, at);
        }
    }

    private void dragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown()) return;
        if (e.getY() < 0) flow.scrollYBy(e.getY());
        else if (e.getY() > flow.getHeight()) flow.scrollYBy(e.getY() - flow.getHeight());
        double y = Math.max(0, Math.min(e.getY(), flow.getHeight() - 1));
        select(anchor, insertionAt(new Point2D(e.getX(), y)));
    }

    // ---- the keyboard and the context menu -----------------------------------------------------------------

    private void keyPressed(KeyEvent e) {
        if (COPY.match(e)) copy();
        else if (SELECT_ALL.match(e)) selectAll();
        else if (TO_START.match(e)) showParagraphAtTop(0);
        else if (TO_END.match(e)) flow.showAsLast(text.paragraphCount() - 1);
        else if (e.getCode() == KeyCode.PAGE_DOWN) flow.scrollYBy(page());
        else if (e.getCode() == KeyCode.PAGE_UP) flow.scrollYBy(-page());
        else if (e.getCode() == KeyCode.DOWN) flow.scrollYBy(lineHeight());
        else if (e.getCode() == KeyCode.UP) flow.scrollYBy(-lineHeight());
        else return;
        e.consume();
    }

    /** A page: the height shown, less a line that stays in view. */
    private double page() {
        return Math.max(lineHeight(), flow.getHeight() - lineHeight());
    }

    private double lineHeight() {
        return flow.visibleCells().isEmpty() ? 16 : flow.visibleCells().getFirst().lineHeight();
    }

    private ContextMenu contextMenu() {
        MenuItem copy = new MenuItem("Copy");
        copy.setAccelerator(COPY);
        copy.setDisable(selection().getLength() == 0);
        copy.setOnAction(e -> copy());
        MenuItem all = new MenuItem("Select all");
        all.setAccelerator(SELECT_ALL);
        all.setOnAction(e -> selectAll());
        return new ContextMenu(copy, all);
    }

    /** The cells on screen, in paragraph order (for tests). */
    List<TraceParagraphCell> visibleCells() {
        return List.copyOf(flow.visibleCells());
    }

    /** How many cells were ever made: those on screen and those kept for reuse (for tests). */
    int cellsMade() {
        return cells.size();
    }

    private void redraw(int from, int to) {
        for (TraceParagraphCell cell : cells) if (cell.item().touches(from, to)) cell.redraw();
    }
}

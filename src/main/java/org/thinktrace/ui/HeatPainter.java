package org.thinktrace.ui;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javafx.animation.AnimationTimer;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Draws the confidence heat in a text area at a bounded cost per frame. Remembers the heat bin drawn at each
 * character, so that painting a whole text's heat ({@link #paint}) restyles only the characters whose bin
 * differs (the stored trace that replaces a streamed one is shaded as the stream was, so nothing is redone),
 * and restyles at most {@link #SLICE_CHARS} characters at once: the first slice at once, the others one per
 * frame. Used on the FX thread only.
 */
final class HeatPainter {

    /** No heat drawn at a character. */
    static final byte NONE = -1;
    /** The most characters restyled in one frame. */
    static final int SLICE_CHARS = 8_192;

    private final StyleClassedTextArea text;
    private final AnimationTimer slicer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            paintSlice();
        }
    };
    /** The bin drawn at each character of the text, or {@link #NONE}. */
    private byte[] drawn = new byte[0];
    /** The bins being painted, and the range {@code [pendingFrom, pendingTo)} still to restyle; null when done. */
    private byte[] wanted;
    private int pendingFrom;
    private int pendingTo;

    HeatPainter(StyleClassedTextArea text) {
        this.text = text;
    }

    /** The text was replaced by one of {@code length} characters, all unshaded. */
    void replaced(int length) {
        stop();
        drawn = new byte[length];
        Arrays.fill(drawn, NONE);
    }

    /** Unshaded text was appended; the text is now {@code length} characters long. */
    void appended(int length) {
        int old = drawn.length;
        if (length <= old) return;
        drawn = Arrays.copyOf(drawn, length);
        Arrays.fill(drawn, old, length, NONE);
    }

    /**
     * Paints {@code bins} (one per character of the text, {@link #NONE} for unshaded): the characters whose bin
     * differs from what is drawn, a slice now and the rest over the next frames.
     */
    void paint(byte[] bins) {
        stop();
        int length = Math.min(bins.length, drawn.length);
        int from = Arrays.mismatch(drawn, 0, length, bins, 0, length);
        if (from < 0) return;
        int to = length;
        while (to > from && drawn[to - 1] == bins[to - 1]) to--;
        wanted = bins;
        pendingFrom = from;
        pendingTo = to;
        paintSlice();
        if (wanted != null) slicer.start();
    }

    /** Paints bin {@code bin} over characters {@code [from, to)} now (a streaming response's new tokens). */
    void paintRun(int from, int to, int bin) {
        if (wanted != null) {
            // A whole paint is under way: what it has yet to do at these characters is now this run.
            Arrays.fill(wanted, from, Math.min(to, wanted.length), (byte) bin);
        }
        Arrays.fill(drawn, from, to, (byte) bin);
    }

    /**
     * Applies what {@link #paintRun} recorded over {@code [from, to)} to the text area in one call (the runs of one
     * frame are contiguous).
     */
    void flush(int from, int to) {
        if (to > from) text.setStyleSpans(from, spans(drawn, from, to));
    }

    /** Whether part of a {@link #paint} is still to be drawn. */
    boolean painting() {
        return wanted != null;
    }

    /** The bin drawn at each character (for tests). */
    byte[] drawn() {
        return drawn.clone();
    }

    private void paintSlice() {
        if (wanted == null) return;
        int end = Math.min(pendingTo, Math.min(drawn.length, pendingFrom + SLICE_CHARS));
        if (end > pendingFrom) {
            text.setStyleSpans(pendingFrom, spans(wanted, pendingFrom, end));
            System.arraycopy(wanted, pendingFrom, drawn, pendingFrom, end - pendingFrom);
        }
        pendingFrom = end;
        if (pendingFrom >= Math.min(pendingTo, drawn.length)) stop();
    }

    private void stop() {
        slicer.stop();
        wanted = null;
    }

    private static org.fxmisc.richtext.model.StyleSpans<Collection<String>> spans(byte[] bins, int from, int to) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int start = from;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || bins[i] != bins[start]) {
                spans.add(styleOf(bins[start]), i - start);
                start = i;
            }
        }
        return spans.create();
    }

    private static Collection<String> styleOf(byte bin) {
        return bin == NONE ? List.of() : List.of(HeatScale.styleClass(bin));
    }
}

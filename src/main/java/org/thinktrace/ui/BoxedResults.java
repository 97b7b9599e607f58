package org.thinktrace.ui;

/**
 * Finds {@code \boxed{…}} (R1's way of marking a final result) in Markdown before it is parsed, so the
 * renderer can show it highlighted. Each {@code \boxed{content}}, together with math delimiters hugging
 * it ({@code $…$}, {@code $$…$$}, {@code \(…\)}, {@code \[…\]}, on its line or on the lines around it, as R1 writes
 * display math), becomes {@link #START} content {@link #END}: private-use characters that Markdown leaves alone.
 * Braces inside the content may nest; an unclosed {@code \boxed{} is left as written.
 *
 * <p>Code shows its text as written, so a {@code \boxed{…}} in code is left alone: in fenced code blocks (an unclosed
 * fence runs to the end of the text, as CommonMark reads it while the answer streams), indented code blocks and inline
 * code spans, as found by {@link CodeScan}.
 */
final class BoxedResults {

    static final char START = '\uE000';
    static final char END = '\uE001';

    private static final String COMMAND = "\\boxed{";
    private static final String[][] DELIMITERS = {{"$$", "$$"}, {"\\[", "\\]"}, {"\\(", "\\)"}, {"$", "$"}};

    private BoxedResults() {
    }

    static String mark(String markdown) {
        return mark(markdown, false);
    }

    /**
     * As {@link #mark}, with each content on one line written as Markdown whose text is the content itself (ASCII
     * punctuation escaped), so that the parser gives it to the renderer as one run of text: {@code \boxed{2*3*4}} is
     * not split into emphasis that parts its markers. A content over several lines is left as written (it may hold
     * blocks of the answer, after a {@code \boxed{} closed only much later).
     */
    static String markForMarkdown(String markdown) {
        return mark(markdown, true);
    }

    private static String mark(String markdown, boolean escaped) {
        int at = markdown.indexOf(COMMAND);
        if (at < 0) return markdown;
        CodeScan code = new CodeScan(markdown);
        StringBuilder out = new StringBuilder(markdown.length());
        int copied = 0; // markdown[0, copied) is in out
        int i = 0;      // text before i is done: written out, or code, or a marked result
        int block = 0;
        int run = 0;
        while (at >= 0) {
            while (block < code.blocks.size() && code.blocks.get(block + 1) <= i) block += 2;
            while (run < code.runs.size() && code.runs.get(run + ENDS) <= i) run += RUN;
            int blockStart = block < code.blocks.size() ? code.blocks.get(block) : Integer.MAX_VALUE;
            int runStart = run < code.runs.size() ? code.runs.get(run + OPENS) : Integer.MAX_VALUE;
            if (blockStart <= at && blockStart <= runStart) {
                i = code.blocks.get(block + 1);
            } else if (runStart < at) {
                // A code span, or backticks that open none (they are text, and the text after them is read on).
                int closer = code.runs.get(run + CLOSED_BY);
                i = closer >= 0 ? code.runs.get(closer + ENDS) : code.runs.get(run + ENDS);
            } else {
                int close = matchingBrace(markdown, at + COMMAND.length() - 1);
                if (close < 0) break;
                if (code.inBlock(close)) {
                    // Closed only inside a code block: not a result as the parser reads the text.
                    i = at + COMMAND.length();
                } else {
                    int from = at;
                    int to = close + 1;
                    for (String[] d : DELIMITERS) {
                        int open = skipSpacesBack(markdown, at, i) - d[0].length();
                        int end = skipSpacesForward(markdown, to);
                        if (open >= i && markdown.startsWith(d[0], open) && markdown.startsWith(d[1], end)) {
                            from = open;
                            to = end + d[1].length();
                            break;
                        }
                    }
                    out.append(markdown, copied, from).append(START);
                    if (escaped && !hasLineBreak(markdown, at, close)) {
                        appendEscaped(out, markdown, at + COMMAND.length(), close);
                    } else {
                        out.append(markdown, at + COMMAND.length(), close);
                    }
                    out.append(END);
                    copied = i = to;
                }
            }
            if (at < i) at = markdown.indexOf(COMMAND, i);
        }
        return out.append(markdown, copied, markdown.length()).toString();
    }

    /** The index of the brace closing the one at {@code open}, or −1. */
    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\' && k + 1 < s.length()) {
                k++; // an escaped brace does not count
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static boolean hasLineBreak(String s, int from, int to) {
        for (int k = from; k < to; k++) if (s.charAt(k) == '\n' || s.charAt(k) == '\r') return true;
        return false;
    }

    private static void appendEscaped(StringBuilder out, String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (PUNCTUATION.indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
    }

    /** The characters a backslash escapes in CommonMark (ASCII punctuation). */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** Back over spaces, and over one line break with the spaces before it. */
    private static int skipSpacesBack(String s, int index, int floor) {
        index = spacesBack(s, index, floor);
        if (index > floor && s.charAt(index - 1) == '\n') index--;
        if (index > floor && s.charAt(index - 1) == '\r') index--;
        return spacesBack(s, index, floor);
    }

    /** Forward over spaces, and over one line break with the spaces after it. */
    private static int skipSpacesForward(String s, int index) {
        index = spacesForward(s, index);
        if (index < s.length() && s.charAt(index) == '\r') index++;
        if (index < s.length() && s.charAt(index) == '\n') index++;
        return spacesForward(s, index);
    }

    private static int spacesBack(String s, int index, int floor) {
        while (index > floor && (s.charAt(index - 1) == ' ' || s.charAt(index - 1) == '\t')) index--;
        return index;
    }

    private static int spacesForward(String s, int index) {
        while (index < s.length() && (s.charAt(index) == ' ' || s.charAt(index) == '\t')) index++;
        return index;
    }

    /** Fields of a backtick run in {@link CodeScan#runs}: where it starts, where it opens a code span, where it ends. */
    private static final int STARTS = 0;
    private static final int OPENS = 1;
    private static final int ENDS = 2;
    /** The run's paragraph (code spans do not leave one) and the index of the run closing the span it opens, or −1. */
    private static final int PARAGRAPH = 3;
    private static final int CLOSED_BY = 4;
    private static final int RUN = 5;

    /**
     * Where a Markdown text has code, read line by line as CommonMark reads it, but without parsing (a linear scan; the
     * whole answer is marked on each update while it streams): fenced code blocks ({@code ```} or {@code ~~~}, closed by
     * a fence of the same character at least as long, or when their block quote or list item ends, or by the end of the
     * text), indented code blocks, and the backtick runs outside them that may open or close code spans. Block quotes
     * and list items are followed well enough for the common cases (code in a quote, in a list item, a list item's
     * indented paragraphs that are not code); HTML blocks, tables and other rarities are read as paragraphs.
     */
    private static final class CodeScan {

        /** The code blocks, as pairs of start and end (the end of their last line), in order. */
        final IntList blocks = new IntList();
        /** The backtick runs outside code blocks, {@link #RUN} fields each, in order. */
        final IntList runs = new IntList();

        private final String s;
        private int paragraph;
        /** A paragraph is open: a line of text continues it (and a line indented four more is not code). */
        private boolean inParagraph;
        /** The content columns of the list items the line is in, innermost last. */
        private final IntList lists = new IntList();
        private int quotes;
        /** The previous line was a list item with nothing after its marker. */
        private boolean emptyItem;

        private char fence;
        private int fenceLength;
        private int fenceStart;
        private int fenceQuotes;
        private int fenceContainer;

        private int indentedStart = -1;
        private int indentedEnd;
        private int indentedQuotes;
        private int indentedColumn;

        CodeScan(String s) {
            this.s = s;
            int lineStart = 0;
            while (lineStart < s.length()) {
                int lineEnd = lineStart;
                while (lineEnd < s.length() && s.charAt(lineEnd) != '\n' && s.charAt(lineEnd) != '\r') lineEnd++;
                int next = lineEnd;
                if (next < s.length() && s.charAt(next) == '\r') next++;
                if (next < s.length() && s.charAt(next) == '\n' && (next == lineEnd || s.charAt(next - 1) == '\r')) next++;
                line(lineStart, lineEnd, next);
                lineStart = next;
            }
            if (fence != 0) addBlock(fenceStart, s.length());
            if (indentedStart >= 0) addBlock(indentedStart, indentedEnd);
            pairRuns();
        }

        /** Whether {@code index} is in a code block. */
        boolean inBlock(int index) {
            int low = 0;
            int high = blocks.size() / 2 - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (blocks.get(2 * mid + 1) <= index) low = mid + 1;
                else if (blocks.get(2 * mid) > index) high = mid - 1;
                else return true;
            }
            return false;
        }

        private void line(int start, int end, int next) {
            lineStart = cachedIndex = start;
            cachedColumn = 0;
            if (fence != 0) {
                int p = start;
                int depth = 0;
                for (int q; depth < fenceQuotes && (q = quoteMarker(p, end)) >= 0; depth++) p = q;
                int text = spacesForward(s, p);
                boolean blank = text >= end;
                int indent = columns(p, text);
                if (depth == fenceQuotes && (blank || indent >= fenceContainer)) {
                    if (!blank && indent - fenceContainer <= 3 && closesFence(text, end)) {
                        addBlock(fenceStart, next);
                        fence = 0;
                        paragraph++;
                    }
                    return;
                }
                // The block quote or list item the fence is in ends here, and the fence with it.
                addBlock(fenceStart, start);
                fence = 0;
            }
            int p = start;
            int depth = 0;
            for (int q; (q = quoteMarker(p, end)) >= 0; depth++) p = q;
            int text = spacesForward(s, p);
            if (indentedStart >= 0) {
                if (text >= end || depth == indentedQuotes && columns(p, text) >= indentedColumn) {
                    if (text < end) indentedEnd = next;
                    return;
                }
                addBlock(indentedStart, indentedEnd);
                indentedStart = -1;
            }
            if (depth != quotes) {
                lists.clear();
                if (depth > quotes) newBlock();
                quotes = depth;
            }
            if (text >= end) {
                // A list item starts with at most one blank line: an empty item ends at a blank line.
                if (emptyItem) lists.truncate(lists.size() - 1);
                emptyItem = false;
                newBlock();
                return;
            }
            emptyItem = false;
            int indent = columns(p, text);
            int outer = lists.size();
            while (outer > 0 && lists.get(outer - 1) > indent) outer--;
            int container = outer == 0 ? 0 : lists.get(outer - 1);
            if (indent - container >= 4) {
                if (inParagraph) {
                    runs(text, end);
                } else {
                    lists.truncate(outer);
                    startIndented(start, next, depth, container + 4);
                }
                return;
            }
            while (true) {
                if (opensFence(text, end)) {
                    lists.truncate(outer);
                    fenceStart = start;
                    fenceQuotes = depth;
                    fenceContainer = container;
                    newBlock();
                    return;
                }
                if (isHeading(text, end)) {
                    lists.truncate(outer);
                    newBlock();
                    runs(text, end);
                    newBlock();
                    return;
                }
                if (isBreak(text, end)) {
                    lists.truncate(outer);
                    newBlock();
                    return;
                }
                int content = listItemContent(text, end);
                if (content < 0) break;
                // A list item: its content starts a block of its own, which may be a fence or another item.
                lists.truncate(outer);
                int after = content;
                int spaces = columns(p, spacesForward(s, after)) - columns(p, after);
                int contentColumn = columns(p, after) + (spaces >= 1 && spaces <= 4 ? spaces : 1);
                lists.add(contentColumn);
                outer = lists.size();
                container = contentColumn;
                newBlock();
                text = spacesForward(s, after);
                emptyItem = text >= end;
                if (emptyItem) return;
                if (spaces > 4) {
                    // The item starts with an indented code block.
                    startIndented(start, next, depth, contentColumn + 4);
                    return;
                }
                indent = columns(p, text);
            }
            if (!inParagraph) {
                lists.truncate(outer);
                newBlock();
                inParagraph = true;
            }
            runs(text, end);
        }

        private void startIndented(int start, int next, int depth, int column) {
            indentedStart = start;
            indentedEnd = next;
            indentedQuotes = depth;
            indentedColumn = column;
            newBlock();
        }

        /** A new block starts: no paragraph is open, and code spans do not reach over. */
        private void newBlock() {
            paragraph++;
            inParagraph = false;
        }

        private void addBlock(int from, int to) {
            blocks.add(from);
            blocks.add(to);
            newBlock();
        }

        /** The index after a block quote marker at {@code p} (up to three spaces, {@code >}, a space), or −1. */
        private int quoteMarker(int p, int end) {
            int q = p;
            while (q < end && q - p < 3 && s.charAt(q) == ' ') q++;
            if (q >= end || s.charAt(q) != '>') return -1;
            q++;
            if (q < end && s.charAt(q) == ' ') q++; // a tab is left: its columns past the marker's one are indentation
            return q;
        }

        /** The columns of {@code s[from, to)} on the current line, with tab stops every four columns. */
        private int columns(int from, int to) {
            return column(to) - column(from);
        }

        private int lineStart;
        private int cachedIndex;
        private int cachedColumn;

        /** The column of {@code index} on the current line (a cursor: mostly called going forward along the line). */
        private int column(int index) {
            if (index < cachedIndex) {
                cachedIndex = lineStart;
                cachedColumn = 0;
            }
            for (; cachedIndex < index; cachedIndex++) {
                cachedColumn = s.charAt(cachedIndex) == '\t' ? cachedColumn + 4 - cachedColumn % 4 : cachedColumn + 1;
            }
            return cachedColumn;
        }

        private boolean opensFence(int text, int end) {
            char c = s.charAt(text);
            if (c != '`' && c != '~') return false;
            int k = text;
            while (k < end && s.charAt(k) == c) k++;
            // As commonmark-java reads fences: a fence of backticks followed by tildes, or the other way, is none.
            if (k - text < 3 || k < end && (s.charAt(k) == '`' || s.charAt(k) == '~')) return false;
            if (c == '`' && s.indexOf('`', k) >= 0 && s.indexOf('`', k) < end) return false;
            fence = c;
            fenceLength = k - text;
            return true;
        }

        private boolean closesFence(int text, int end) {
            int k = text;
            while (k < end && s.charAt(k) == fence) k++;
            return k - text >= fenceLength && spacesForward(s, k) >= end;
        }

        private boolean isHeading(int text, int end) {
            int k = text;
            while (k < end && k - text < 7 && s.charAt(k) == '#') k++;
            return k > text && k - text <= 6 && (k == end || s.charAt(k) == ' ' || s.charAt(k) == '\t');
        }

        /** A thematic break, or a setext heading's underline: either way, no paragraph goes on after it. */
        private boolean isBreak(int text, int end) {
            char c = s.charAt(text);
            if (c != '-' && c != '*' && c != '_' && c != '=') return false;
            int count = 0;
            for (int k = text; k < end; k++) {
                char d = s.charAt(k);
                if (d == c) count++;
                else if (d != ' ' && d != '\t') return false;
            }
            return c == '=' ? inParagraph : count >= 3 || c == '-' && inParagraph;
        }

        /** The index after a list item's marker at {@code text} ({@code -}, {@code 1.}, …, then a space or the end), or −1. */
        private int listItemContent(int text, int end) {
            char c = s.charAt(text);
            int k = text;
            if (c == '-' || c == '+' || c == '*') {
                k++;
            } else {
                while (k < end && k - text < 9 && s.charAt(k) >= '0' && s.charAt(k) <= '9') k++;
                if (k == text || k >= end || s.charAt(k) != '.' && s.charAt(k) != ')') return -1;
                k++;
            }
            return k == end || s.charAt(k) == ' ' || s.charAt(k) == '\t' ? k : -1;
        }

        /** Adds the backtick runs of {@code s[from, to)}, inline content of the current paragraph. */
        private void runs(int from, int to) {
            for (int k = s.indexOf('`', from); k >= 0 && k < to; k = s.indexOf('`', k)) {
                int start = k;
                while (k < to && s.charAt(k) == '`') k++;
                int backslashes = 0;
                while (start - backslashes - 1 >= from && s.charAt(start - backslashes - 1) == '\\') backslashes++;
                runs.add(start);
                runs.add(start + backslashes % 2); // an escaped backtick is text, not part of an opener
                runs.add(k);
                runs.add(paragraph);
                runs.add(-1);
            }
        }

        /** Pairs each run with the next of its paragraph as long as its opener: the run closing its code span. */
        private void pairRuns() {
            java.util.Map<Long, Integer> nextOfLength = new java.util.HashMap<>();
            for (int r = runs.size() - RUN; r >= 0; r -= RUN) {
                long paragraphBits = (long) runs.get(r + PARAGRAPH) << 32;
                int opener = runs.get(r + ENDS) - runs.get(r + OPENS);
                if (opener > 0) runs.set(r + CLOSED_BY, nextOfLength.getOrDefault(paragraphBits | opener, -1));
                nextOfLength.put(paragraphBits | (runs.get(r + ENDS) - runs.get(r + STARTS)), r);
            }
        }
    }

    /** A growing array of ints. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        int size() {
            return size;
        }

        int get(int index) {
            return values[index];
        }

        void set(int index, int value) {
            values[index] = value;
        }

        void add(int value) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        void truncate(int newSize) {
            size = Math.max(0, Math.min(size, newSize));
        }

        void clear() {
            size = 0;
        }
    }
}

package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.SourceSpan;

/**
 * Renders a Markdown text that grows at its end (a streaming answer) without parsing it from its beginning each
 * time: blocks that can no longer change are rendered once and kept, and only the text from the first block that
 * may still change is parsed and rendered again. The nodes shown after each update equal those of
 * {@link MarkdownRenderer#render} on the whole text.
 *
 * <p>Why a block can be kept: CommonMark reads a document line by line without looking ahead, and a top-level
 * block is closed for good once a complete line (one followed by a line break) starts the next top-level block.
 * So the text is cut where such a block starts; everything before the cut is kept, everything after it is the
 * open part. Two things reach back across blocks, and are handled by rendering more: a link reference definition
 * ({@code [label]: url}) turns an earlier {@code [label]} into a link, so a text containing {@code ]:} is
 * rendered whole each time; and {@code \boxed{…}} results are marked over the whole text (a linear scan, no
 * parsing) and when the marked kept part changes, everything is rendered again. A text that does not extend the
 * previous one (another version shown) keeps the blocks only where it has the same characters up to the end of the
 * line that closed them; else it starts over.
 *
 * <p>The open part is parsed again, but a block that only grew keeps the nodes of what in it is finished: of a table,
 * list or block quote that was the first open block and still is (the same kind, starting at the same place), the rows,
 * items or blocks that were closed keep their nodes and only the rest are rendered again
 * ({@link MarkdownRenderer#extend}), so a token landing in a long table or list costs what its last row or item does,
 * not the whole block. Parts are closed by the same rule as top-level blocks.
 *
 * <p>An update can be held to a part of the text ({@link #update(String, int)}): at most about a given number of
 * characters more than the previous update showed, up to the end of a line, so that a text that grew by much at
 * once is built over several updates, each making a bounded number of nodes; {@link #behind} says whether some of
 * the text is still to be shown.
 *
 * <p>Not thread-safe; used on the FX thread by one answer view.
 */
final class IncrementalMarkdown {

    /**
     * How to bring the shown nodes up to date.
     *
     * @param kept  how many of the shown nodes stay as they are (they come first)
     * @param added the nodes that replace the rest
     */
    record Update(int kept, List<Node> added) {

        /** Applies this update to {@code shown}, the nodes of the previous update. */
        void applyTo(List<Node> shown) {
            shown.subList(kept, shown.size()).clear();
            shown.addAll(added);
        }
    }

    /**
     * The first block of the previous update that may still change, as it was parsed and shown: when the next update's
     * first block is this block grown, the parts of it that were finished keep their nodes.
     *
     * @param block the parsed block ({@linkplain MarkdownRenderer#extensible extensible})
     * @param node  its node, shown
     * @param base  where the text it was parsed in starts in the marked text
     * @param text  that text, as far as the previous update showed it
     */
    private record Growing(org.commonmark.node.Node block, Node node, int base, String text) {
    }

    private final MarkdownRenderer renderer;
    /** The marked text of the previous update. */
    private String marked = "";
    /** {@code marked[0, keptChars)} is shown as {@link #keptBlocks} nodes that never change. */
    private int keptChars;
    private int keptBlocks;
    private boolean behind;
    private Growing growing;

    IncrementalMarkdown(MarkdownRenderer renderer) {
        this.renderer = renderer;
    }

    /** The update that shows {@code markdown}, given that the nodes of the previous update are shown. */
    Update update(String markdown) {
        return update(markdown, Integer.MAX_VALUE);
    }

    /**
     * The update that shows {@code markdown}, or its beginning when it runs more than {@code maxNewChars} characters
     * past what the previous update showed: up to the end of the line where that many more end (a text rendered
     * whole each time, see above, is always shown whole). Given that the nodes of the previous update are shown.
     */
    Update update(String markdown, int maxNewChars) {
        return update(markdown, maxNewChars, Integer.MAX_VALUE);
    }

    /**
     * As {@link #update(String, int)}, and further held to the blocks whose rendering fits {@code maxCost}: of the
     * blocks the update renders (those of the previous update that may still change, then the new ones), only those
     * from the first whose {@linkplain #cost estimated costs} add up to at most {@code maxCost} are shown, but always
     * the ones shown before and one new block, so that each update shows more while the text runs further (a text
     * rendered whole each time is always shown whole). The rest is shown by later updates.
     */
    Update update(String markdown, int maxNewChars, int maxCost) {
        String whole = BoxedResults.markForMarkdown(markdown);
        boolean wholeEachTime = whole.contains("]:");
        // The kept blocks stay only if the line that closed them (the first open one) is the same too: another text
        // with their characters could continue the last of them on that line (a lazy line, a setext underline).
        boolean keepsBlocks = keptChars == 0 || whole.regionMatches(0, marked, 0, lineEndAfter(marked, keptChars));
        if (wholeEachTime || !keepsBlocks) {
            keptChars = 0;
            keptBlocks = 0;
        }
        String next = whole;
        int shownBefore = keepsBlocks && whole.startsWith(marked) ? marked.length() : keptChars;
        long limit = (long) Math.max(shownBefore, keptChars) + maxNewChars;
        if (!wholeEachTime && limit < whole.length()) {
            int lineEnd = whole.indexOf('\n', (int) limit);
            if (lineEnd >= 0) next = whole.substring(0, lineEnd + 1);
        }
        String open = next.substring(keptChars);
        List<org.commonmark.node.Node> blocks = blocks(open);
        List<Integer> lineStarts = lineStarts(open);
        int shownAgain = 0;
        while (shownAgain < blocks.size() && startLine(blocks.get(shownAgain)) >= 0
                && lineStarts.get(startLine(blocks.get(shownAgain))) < shownBefore - keptChars) shownAgain++;
        boolean grows = !wholeEachTime && keepsBlocks && whole.startsWith(marked);
        int reused = grows && growing != null && !blocks.isEmpty()
                ? reusableParts(growing, blocks.getFirst(), keptChars) : 0;
        int firstCost = blocks.isEmpty() ? 0
                : reused > 0 ? partsCost(blocks.getFirst(), reused) : cost(blocks.getFirst());
        int fitting = wholeEachTime ? blocks.size() : fitting(blocks, firstCost, maxCost, shownAgain + 1);
        if (fitting < blocks.size()) {
            // Cut where the first block that does not fit starts. The blocks before it are those of the text cut
            // there: each is closed by the complete line that starts the next (see above), the last one by the cut.
            int cut = lineStarts.get(startLine(blocks.get(fitting)));
            next = next.substring(0, keptChars + cut);
            blocks = blocks.subList(0, fitting);
            lineStarts = lineStarts.subList(0, startLine(blocks.getLast()) + 2);
        }
        behind = next.length() < whole.length();
        marked = next;
        int kept = keptBlocks;

        int finished = wholeEachTime ? 0 : finishedBlocks(blocks, lineStarts);
        List<Node> nodes = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            if (i == 0 && reused > 0) {
                // The grown block keeps its node (restyling a moved node would cost what rebuilding it does).
                renderer.extend(growing.node(), blocks.getFirst(), reused);
                nodes.add(growing.node());
                kept++;
            } else {
                nodes.add(renderer.block(blocks.get(i)));
            }
        }
        int base = keptChars;
        growing = grows && finished < blocks.size() && MarkdownRenderer.extensible(blocks.get(finished))
                ? new Growing(blocks.get(finished), nodes.get(finished), base, next.substring(base)) : null;
        if (finished > 0) {
            keptChars += lineStarts.get(startLine(blocks.get(finished)));
            keptBlocks += finished;
        }
        return new Update(kept, reused > 0 ? nodes.subList(1, nodes.size()) : nodes);
    }

    /**
     * How many leading {@linkplain MarkdownRenderer#parts parts} of {@code now}, the first block of the text parsed from
     * {@code base}, are those of the previous update's growing block, finished: the same block (same kind, starting
     * at the same place), and each such part spans the same characters as it did and was closed in the text shown
     * then. A part is closed when the next one started on a complete line (CommonMark reads line by line without
     * looking ahead, so what a complete line closed stays closed), a table row when its own line was complete (and the
     * table's delimiter row, which fixes its columns).
     */
    private static int reusableParts(Growing growing, org.commonmark.node.Node now, int base) {
        org.commonmark.node.Node before = growing.block();
        if (before.getClass() != now.getClass() || start(before) < 0 || start(now) < 0
                || growing.base() + start(before) != base + start(now)) return 0;
        boolean table = now instanceof TableBlock;
        if (table && (before.getSourceSpans().size() < 2
                || !lineBreakFrom(growing.text(), before.getSourceSpans().get(1).getInputIndex()))) return 0;
        List<org.commonmark.node.Node> was = MarkdownRenderer.parts(before);
        List<org.commonmark.node.Node> is = MarkdownRenderer.parts(now);
        int same = 0;
        while (same < was.size() && same < is.size()) {
            org.commonmark.node.Node part = was.get(same);
            org.commonmark.node.Node again = is.get(same);
            if (start(part) < 0 || start(again) < 0 || growing.base() + start(part) != base + start(again)
                    || growing.base() + end(part) != base + end(again)) break;
            boolean closed = table
                    ? lineBreakFrom(growing.text(), start(part))
                    : same + 1 < was.size() && start(was.get(same + 1)) >= 0
                            && lineBreakFrom(growing.text(), start(was.get(same + 1)));
            if (!closed) break;
            same++;
        }
        return same;
    }

    /** Where a parsed node's text starts in the text it was parsed from, or −1 when the parser gave no position. */
    private static int start(org.commonmark.node.Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? -1 : spans.getFirst().getInputIndex();
    }

    /** Where a parsed node's text ends (exclusive), or −1 when the parser gave no position. */
    private static int end(org.commonmark.node.Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? -1 : spans.getLast().getInputIndex() + spans.getLast().getLength();
    }

    /** Whether a line break follows {@code from} in {@code text}: the line {@code from} is on is complete. */
    private static boolean lineBreakFrom(String text, int from) {
        return lineBreakAt(text, from) >= 0;
    }

    /** Where the first line break ({@code \n} or {@code \r}) at or after {@code from} is in {@code text}, or −1. */
    private static int lineBreakAt(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') return i;
        }
        return -1;
    }

    /** The estimated cost of the parts of {@code block} from {@code from} on, and of the block's own node. */
    private static int partsCost(org.commonmark.node.Node block, int from) {
        List<org.commonmark.node.Node> parts = MarkdownRenderer.parts(block);
        long total = 1;
        for (int i = from; i < parts.size(); i++) total += cost(parts.get(i));
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /**
     * An estimate of the work of building, styling and laying out a block's nodes, in units of about one plain text
     * run: the number of Markdown nodes in it, and {@link #CODE_BLOCK_COST} for a code block (its header, its copy
     * button and its text).
     */
    static int cost(org.commonmark.node.Node block) {
        // A walk without recursion: blocks and spans may nest as deeply as the parser allows.
        long cost = 0;
        org.commonmark.node.Node n = block;
        while (n != null) {
            boolean code = n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock;
            cost += code ? CODE_BLOCK_COST : 1;
            if (!code && n.getFirstChild() != null) {
                n = n.getFirstChild();
                continue;
            }
            while (n != block && n.getNext() == null) n = n.getParent();
            n = n == block ? null : n.getNext();
        }
        return (int) Math.min(Integer.MAX_VALUE, cost);
    }

    /** The estimated cost of a code block: its header, copy button and text, in units of {@link #cost}. */
    static final int CODE_BLOCK_COST = 8;

    /**
     * How many leading blocks fit {@code maxCost}, the first costing {@code firstCost}: at least {@code least} (or all
     * there are).
     */
    private static int fitting(List<org.commonmark.node.Node> blocks, int firstCost, int maxCost, int least) {
        long total = 0;
        for (int i = 0; i < blocks.size(); i++) {
            total += i == 0 ? firstCost : cost(blocks.get(i));
            if (total > maxCost && i >= least && startLine(blocks.get(i)) > 0) return i;
        }
        return blocks.size();
    }

    private static List<org.commonmark.node.Node> blocks(String open) {
        org.commonmark.node.Node document = MarkdownRenderer.parse(true, open);
        List<org.commonmark.node.Node> blocks = new ArrayList<>();
        for (org.commonmark.node.Node b = document.getFirstChild(); b != null; b = b.getNext()) blocks.add(b);
        return blocks;
    }

    /** Where the line starting at {@code from} ends in {@code text}, after its line break ({@code text}'s end if none). */
    private static int lineEndAfter(String text, int from) {
        int at = lineBreakAt(text, from);
        if (at < 0) return text.length();
        return text.charAt(at) == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n' ? at + 2 : at + 1;
    }

    /** Whether the last update showed only the beginning of its text. */
    boolean behind() {
        return behind;
    }

    /**
     * How many leading blocks are finished: those before the last block that starts on a complete line (0 when
     * only the first block does, or none).
     */
    private static int finishedBlocks(List<org.commonmark.node.Node> blocks, List<Integer> lineStarts) {
        for (int j = blocks.size() - 1; j >= 1; j--) {
            int line = startLine(blocks.get(j));
            if (line >= 0 && line + 1 < lineStarts.size()) return j;
        }
        return 0;
    }

    /** The line a block starts on, or −1 when the parser gave no position. */
    private static int startLine(org.commonmark.node.Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        return spans.isEmpty() ? -1 : spans.getFirst().getLineIndex();
    }

    /** Where each line of {@code text} starts; lines end at {@code \n}, {@code \r\n} or {@code \r}, as CommonMark's. */
    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
            if (c == '\n' || c == '\r') starts.add(i + 1);
        }
        return starts;
    }
}

package org.thinktrace.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.InlineParserFactory;
import org.commonmark.parser.Parser;

/**
 * Renders Markdown (CommonMark with GFM tables) into JavaFX nodes: headings, paragraphs with emphasis,
 * inline code and links, lists, block quotes, fenced code blocks with a copy button, tables, and
 * {@code \boxed{…}} results as highlighted labels. Styling is left to the style classes ({@code md-*}).
 * Raw HTML is shown as text, never interpreted.
 *
 * <p>The text is untrusted (any model, any server), so nesting is bounded: block quotes and lists nested deeper than
 * {@link #MAX_NESTING} are laid flat in the deepest one shown (JavaFX styles and lays out nested nodes recursively:
 * hundreds of levels stall the FX thread, a thousand overflow its stack), the renderer walks inline content without
 * recursion, and inline content nested so deeply that the parser itself overflows the stack is shown as plain text.
 * Runs of combining marks are shown cut to a few ({@link CombiningMarks}): JavaFX lays out a long run in quadratic time.
 */
final class MarkdownRenderer {

    /** How many block quotes and lists nest as nodes; those inside the deepest are laid flat in it. */
    static final int MAX_NESTING = 8;

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    /** The same parser, with the lines each top-level block starts on (for {@link IncrementalMarkdown}). */
    static final Parser LINE_PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    /** Inline content as plain text, for a text whose inline nesting overflows the parser's stack. */
    private static final InlineParserFactory PLAIN_INLINES = context -> (lines, node) ->
            node.appendChild(new org.commonmark.node.Text(lines.getContent()));
    private static final Parser PLAIN_PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .inlineParserFactory(PLAIN_INLINES).build();
    private static final Parser PLAIN_LINE_PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).inlineParserFactory(PLAIN_INLINES).build();

    private final Consumer<String> copyToClipboard;
    private final WebLinks links;

    /** A renderer whose links open nothing (they still show where they point). */
    MarkdownRenderer(Consumer<String> copyToClipboard) {
        this(copyToClipboard, url -> { });
    }

    /**
     * @param copyToClipboard copies a code block's text
     * @param openLink        opens a web link's address (see {@link WebLinks})
     */
    MarkdownRenderer(Consumer<String> copyToClipboard, Consumer<String> openLink) {
        this.copyToClipboard = copyToClipboard;
        this.links = new WebLinks(openLink);
    }

    /** The nodes of a Markdown document, one per block, in order. */
    List<Node> render(String markdown) {
        org.commonmark.node.Node document = parse(false, BoxedResults.markForMarkdown(markdown));
        return blocks(document, 0);
    }

    /**
     * The document of {@code markdown} by {@link #LINE_PARSER} ({@code withLines}) or the plain parser; with its inline
     * content as plain text when it nests so deeply that parsing it overflows the stack.
     */
    static org.commonmark.node.Node parse(boolean withLines, String markdown) {
        try {
            return (withLines ? LINE_PARSER : PARSER).parse(markdown);
        } catch (StackOverflowError tooDeep) {
            return (withLines ? PLAIN_LINE_PARSER : PLAIN_PARSER).parse(markdown);
        }
    }

    private List<Node> blocks(org.commonmark.node.Node parent, int depth) {
        List<Node> nodes = new ArrayList<>();
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            nodes.add(block(child, depth));
        }
        return nodes;
    }

    /** The node of one parsed top-level block. */
    Node block(org.commonmark.node.Node block) {
        return block(block, 0);
    }

    /** The node of one parsed block inside {@code depth} block quotes and lists. */
    private Node block(org.commonmark.node.Node block, int depth) {
        return switch (block) {
            case Heading h -> styled(inlineFlow(h), "md-heading", "md-h" + h.getLevel());
            case Paragraph p -> styled(inlineFlow(p), "md-paragraph");
            case BulletList list when depth >= MAX_NESTING -> styled(new VBox(flat(list).toArray(Node[]::new)), "md-list");
            case OrderedList list when depth >= MAX_NESTING -> styled(new VBox(flat(list).toArray(Node[]::new)), "md-list");
            case BlockQuote quote when depth >= MAX_NESTING -> styled(new VBox(flat(quote).toArray(Node[]::new)), "md-quote");
            case BulletList list -> list(list, -1, depth);
            case OrderedList list -> list(list, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber(), depth);
            case BlockQuote quote -> styled(new VBox(blocks(quote, depth + 1).toArray(Node[]::new)), "md-quote");
            case FencedCodeBlock code -> codeBlock(code.getInfo(), code.getLiteral());
            case IndentedCodeBlock code -> codeBlock("", code.getLiteral());
            case ThematicBreak t -> new Separator();
            case TableBlock table -> table(table);
            case HtmlBlock html -> styled(new TextFlow(textNode(html.getLiteral(), List.of())), "md-paragraph");
            default -> styled(inlineFlow(block), "md-paragraph");
        };
    }

    /** The nodes of the blocks inside {@code container} that are not block quotes or lists, in order, side by side. */
    private List<Node> flat(org.commonmark.node.Node container) {
        List<Node> nodes = new ArrayList<>();
        org.commonmark.node.Node n = container.getFirstChild();
        while (n != null) {
            boolean nests = n instanceof BlockQuote || n instanceof BulletList || n instanceof OrderedList
                    || n instanceof ListItem;
            if (nests && n.getFirstChild() != null) {
                n = n.getFirstChild();
                continue;
            }
            if (!nests) nodes.add(block(n, MAX_NESTING));
            while (n != container && n.getNext() == null) n = n.getParent();
            n = n == container ? null : n.getNext();
        }
        return nodes;
    }

    private Node list(org.commonmark.node.Node list, int start, int depth) {
        VBox box = styled(new VBox(), "md-list");
        appendItems(box, list.getFirstChild(), start, depth);
        return box;
    }

    /** Appends a row to {@code box} per list item from {@code item} on, numbered from {@code number} (−1: bullets). */
    private void appendItems(VBox box, org.commonmark.node.Node item, int number, int depth) {
        for (; item != null; item = item.getNext()) {
            // A text node, not a label: no skin or nested text to build and style for every item of a long answer.
            Text marker = textNode(number < 0 ? "•" : number++ + ".", List.of("md-list-marker"));
            VBox content = new VBox(blocks(item, depth + 1).toArray(Node[]::new));
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(marker, content);
            row.getStyleClass().add("md-list-item");
            box.getChildren().add(row);
        }
    }

    /**
     * Whether {@link #extend} can bring a node of this top-level block up to date child by child: a table (its rows),
     * a list (its items) or a block quote (its blocks).
     */
    static boolean extensible(org.commonmark.node.Node block) {
        return block instanceof TableBlock || block instanceof BulletList || block instanceof OrderedList
                || block instanceof BlockQuote;
    }

    /**
     * The children {@link #extend} counts in an {@linkplain #extensible extensible} block, in order: a table's rows
     * (its head's, then its body's), a list's items, a block quote's blocks.
     */
    static List<org.commonmark.node.Node> parts(org.commonmark.node.Node block) {
        List<org.commonmark.node.Node> parts = new ArrayList<>();
        if (block instanceof TableBlock) {
            for (org.commonmark.node.Node section = block.getFirstChild(); section != null;
                 section = section.getNext()) {
                for (org.commonmark.node.Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                    parts.add(row);
                }
            }
        } else {
            for (org.commonmark.node.Node child = block.getFirstChild(); child != null; child = child.getNext()) {
                parts.add(child);
            }
        }
        return parts;
    }

    /**
     * Brings {@code shown}, the node {@link #block} made for an earlier, shorter text of a top-level
     * {@linkplain #extensible extensible} block of the same kind, to {@code block}'s node: the nodes of its first
     * {@code keep} {@linkplain #parts parts} stay as they are, the rest are replaced by those of {@code block}'s
     * parts from {@code keep} on. The result equals {@code block(block)} when those first parts render as they did.
     *
     * @throws IllegalArgumentException when {@code shown} is not a node of such a block
     */
    void extend(Node shown, org.commonmark.node.Node block, int keep) {
        List<org.commonmark.node.Node> parts = parts(block);
        org.commonmark.node.Node from = keep < parts.size() ? parts.get(keep) : null;
        switch (block) {
            case TableBlock table when shown instanceof GridPane grid -> {
                grid.getChildren().removeIf(cell -> GridPane.getRowIndex(cell) >= keep);
                for (int row = keep; row < parts.size(); row++) {
                    appendRow(grid, parts.get(row), row, parts.get(row).getParent() instanceof TableHead);
                }
            }
            case BulletList list when shown instanceof VBox box && box.getStyleClass().contains("md-list") -> {
                box.getChildren().remove(Math.min(keep, box.getChildren().size()), box.getChildren().size());
                appendItems(box, from, -1, 0);
            }
            case OrderedList list when shown instanceof VBox box && box.getStyleClass().contains("md-list") -> {
                box.getChildren().remove(Math.min(keep, box.getChildren().size()), box.getChildren().size());
                int start = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
                appendItems(box, from, start + keep, 0);
            }
            case BlockQuote quote when shown instanceof VBox box && box.getStyleClass().contains("md-quote") -> {
                box.getChildren().remove(Math.min(keep, box.getChildren().size()), box.getChildren().size());
                for (org.commonmark.node.Node child = from; child != null; child = child.getNext()) {
                    box.getChildren().add(block(child, 1));
                }
            }
            default -> throw new IllegalArgumentException(
                    "not the node of a table, list or block quote: " + shown + " for " + block);
        }
    }

    private Node codeBlock(String info, String literal) {
        String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        String language = info == null ? "" : info.strip().split("\\s+")[0];
        Text languageLabel = textNode(language, List.of("md-code-language"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copy = styled(new Button("Copy"), "md-code-copy", "flat", "small");
        copy.setOnAction(e -> copyToClipboard.accept(code));
        HBox header = styled(new HBox(languageLabel, spacer, copy), "md-code-header");
        header.setAlignment(Pos.CENTER_LEFT);
        TextFlow body = styled(new TextFlow(styled(new Text(CombiningMarks.capped(code)), "md-text", "md-code-text")),
                "md-code-body");
        return styled(new VBox(header, body), "md-code-block");
    }

    private Node table(TableBlock table) {
        GridPane grid = styled(new GridPane(), "md-table");
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        List<org.commonmark.node.Node> rows = parts(table);
        for (int row = 0; row < rows.size(); row++) {
            appendRow(grid, rows.get(row), row, rows.get(row).getParent() instanceof TableHead);
        }
        return grid;
    }

    /** Adds the cells of table row {@code r} to {@code grid} as its row {@code index}. */
    private void appendRow(GridPane grid, org.commonmark.node.Node r, int index, boolean head) {
        int column = 0;
        for (org.commonmark.node.Node cell = r.getFirstChild(); cell != null; cell = cell.getNext()) {
            TextFlow flow = styled(inlineFlow(cell), "md-table-cell", head ? "md-table-head" : "md-table-body");
            if (((TableCell) cell).getAlignment() == TableCell.Alignment.RIGHT) {
                flow.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
            }
            grid.add(flow, column++, index);
        }
    }

    private TextFlow inlineFlow(org.commonmark.node.Node parent) {
        TextFlow flow = new TextFlow();
        inlines(parent, flow.getChildren());
        return flow;
    }

    /**
     * Appends the inline content of {@code parent}, each run with the style classes of the spans it is in (a walk
     * without recursion: spans may nest as deeply as the parser allows).
     */
    private void inlines(org.commonmark.node.Node parent, List<Node> out) {
        List<String> classes = List.of();
        Deque<List<String>> outside = new ArrayDeque<>();
        Deque<Integer> linkStarts = new ArrayDeque<>(); // where the nodes of each open link begin in out
        org.commonmark.node.Node n = parent.getFirstChild();
        while (n != null) {
            List<String> in = classes;
            List<String> inside = switch (n) {
                case org.commonmark.node.Text t -> leaf(() -> text(t.getLiteral(), in, out));
                case Code c -> leaf(() -> out.add(textNode(c.getLiteral(), with(in, "md-code-inline"))));
                case SoftLineBreak b -> leaf(() -> out.add(textNode(" ", in)));
                case HardLineBreak b -> leaf(() -> out.add(textNode("\n", in)));
                case HtmlInline h -> leaf(() -> text(h.getLiteral(), in, out));
                case Emphasis e -> with(classes, "md-em");
                case StrongEmphasis s -> with(classes, "md-strong");
                case Link l -> with(classes, "md-link");
                default -> classes;
            };
            if (inside != null && n.getFirstChild() != null) {
                outside.push(classes);
                if (n instanceof Link) linkStarts.push(out.size());
                classes = inside;
                n = n.getFirstChild();
                continue;
            }
            while (n.getNext() == null && n.getParent() != parent) {
                n = n.getParent();
                classes = outside.pop();
                if (n instanceof Link link) links.install(out.subList(linkStarts.pop(), out.size()), link.getDestination());
            }
            n = n.getNext();
        }
    }

    /** Runs {@code emit} (a leaf's nodes); null: nothing inside. */
    private static List<String> leaf(Runnable emit) {
        emit.run();
        return null;
    }

    /** Plain text, with marked boxed results turned into highlighted labels. */
    private void text(String literal, List<String> classes, List<Node> out) {
        int i = 0;
        while (i < literal.length()) {
            int start = literal.indexOf(BoxedResults.START, i);
            int end = start < 0 ? -1 : literal.indexOf(BoxedResults.END, start);
            if (end < 0) break;
            if (start > i) out.add(textNode(literal.substring(i, start), classes));
            out.add(styled(new Label(CombiningMarks.capped(literal.substring(start + 1, end))), "md-boxed"));
            i = end + 1;
        }
        if (i < literal.length()) out.add(textNode(literal.substring(i), classes));
    }

    /**
     * A run of text; {@code md-text} marks every run so style sheets can reach them (Text has no class of its own). Runs
     * of combining marks are {@linkplain CombiningMarks#capped capped}, as in all the text this renderer shows.
     */
    private static Text textNode(String text, List<String> classes) {
        Text node = styled(new Text(CombiningMarks.capped(text)), "md-text");
        node.getStyleClass().addAll(classes);
        return node;
    }

    private static List<String> with(List<String> classes, String added) {
        if (classes.contains(added)) return classes;
        List<String> all = new ArrayList<>(classes);
        all.add(added);
        return all;
    }

    private static <T extends Node> T styled(T node, String... classes) {
        node.getStyleClass().addAll(classes);
        return node;
    }
}

package org.thinktrace.ui;

import java.util.ArrayList;
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
import org.commonmark.parser.Parser;

/**
 * Renders Markdown (CommonMark with GFM tables) into JavaFX nodes: headings, paragraphs with emphasis,
 * inline code and links, lists, block quotes, fenced code blocks with a copy button, tables, and
 * {@code \boxed{…}} results as highlighted labels. Styling is left to the style classes ({@code md-*}).
 * Raw HTML is shown as text, never interpreted.
 */
final class MarkdownRenderer {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    /** The same parser, with the lines each top-level block starts on (for {@link IncrementalMarkdown}). */
    static final Parser LINE_PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private final Consumer<String> copyToClipboard;

    MarkdownRenderer(Consumer<String> copyToClipboard) {
        this.copyToClipboard = copyToClipboard;
    }

    /** The nodes of a Markdown document, one per block, in order. */
    List<Node> render(String markdown) {
        org.commonmark.node.Node document = PARSER.parse(BoxedResults.mark(markdown));
        return blocks(document);
    }

    private List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> nodes = new ArrayList<>();
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            nodes.add(block(child));
        }
        return nodes;
    }

    /** The node of one parsed block. */
    Node block(org.commonmark.node.Node block) {
        return switch (block) {
            case Heading h -> styled(inlineFlow(h), "md-heading", "md-h" + h.getLevel());
            case Paragraph p -> styled(inlineFlow(p), "md-paragraph");
            case BulletList list -> list(list, -1);
            case OrderedList list -> list(list, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
            case BlockQuote quote -> styled(new VBox(blocks(quote).toArray(Node[]::new)), "md-quote");
            case FencedCodeBlock code -> codeBlock(code.getInfo(), code.getLiteral());
            case IndentedCodeBlock code -> codeBlock("", code.getLiteral());
            case ThematicBreak t -> new Separator();
            case TableBlock table -> table(table);
            case HtmlBlock html -> styled(new TextFlow(textNode(html.getLiteral(), List.of())), "md-paragraph");
            default -> styled(inlineFlow(block), "md-paragraph");
        };
    }

    private Node list(org.commonmark.node.Node list, int start) {
        VBox box = styled(new VBox(), "md-list");
        int number = start;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            // A text node, not a label: no skin or nested text to build and style for every item of a long answer.
            Text marker = textNode(start < 0 ? "•" : number++ + ".", List.of("md-list-marker"));
            VBox content = new VBox(blocks((ListItem) item).toArray(Node[]::new));
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(marker, content);
            row.getStyleClass().add("md-list-item");
            box.getChildren().add(row);
        }
        return box;
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
        TextFlow body = styled(new TextFlow(styled(new Text(code), "md-text", "md-code-text")), "md-code-body");
        return styled(new VBox(header, body), "md-code-block");
    }

    private Node table(TableBlock table) {
        GridPane grid = styled(new GridPane(), "md-table");
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                int column = 0;
                for (org.commonmark.node.Node cell = ((TableRow) r).getFirstChild(); cell != null; cell = cell.getNext()) {
                    TextFlow flow = styled(inlineFlow(cell), "md-table-cell", head ? "md-table-head" : "md-table-body");
                    if (((TableCell) cell).getAlignment() == TableCell.Alignment.RIGHT) {
                        flow.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
                    }
                    grid.add(flow, column++, row);
                }
                row++;
            }
        }
        return grid;
    }

    private TextFlow inlineFlow(org.commonmark.node.Node parent) {
        TextFlow flow = new TextFlow();
        inlines(parent, List.of(), flow.getChildren());
        return flow;
    }

    /** Appends the inline content of {@code parent} with the style classes in force. */
    private void inlines(org.commonmark.node.Node parent, List<String> classes, List<Node> out) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            switch (n) {
                case org.commonmark.node.Text t -> text(t.getLiteral(), classes, out);
                case Emphasis e -> inlines(e, with(classes, "md-em"), out);
                case StrongEmphasis s -> inlines(s, with(classes, "md-strong"), out);
                case Code c -> out.add(textNode(c.getLiteral(), with(classes, "md-code-inline")));
                case Link l -> inlines(l, with(classes, "md-link"), out);
                case SoftLineBreak b -> out.add(textNode(" ", classes));
                case HardLineBreak b -> out.add(textNode("\n", classes));
                case HtmlInline h -> text(h.getLiteral(), classes, out);
                default -> inlines(n, classes, out);
            }
        }
    }

    /** Plain text, with marked boxed results turned into highlighted labels. */
    private void text(String literal, List<String> classes, List<Node> out) {
        int i = 0;
        while (i < literal.length()) {
            int start = literal.indexOf(BoxedResults.START, i);
            int end = start < 0 ? -1 : literal.indexOf(BoxedResults.END, start);
            if (end < 0) break;
            if (start > i) out.add(textNode(literal.substring(i, start), classes));
            out.add(styled(new Label(literal.substring(start + 1, end)), "md-boxed"));
            i = end + 1;
        }
        if (i < literal.length()) out.add(textNode(literal.substring(i), classes));
    }

    /** A run of text; {@code md-text} marks every run so style sheets can reach them (Text has no class of its own). */
    private static Text textNode(String text, List<String> classes) {
        Text node = styled(new Text(text), "md-text");
        node.getStyleClass().addAll(classes);
        return node;
    }

    private static List<String> with(List<String> classes, String added) {
        List<String> all = new ArrayList<>(classes);
        all.add(added);
        return all;
    }

    private static <T extends Node> T styled(T node, String... classes) {
        node.getStyleClass().addAll(classes);
        return node;
    }
}

package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** Markdown into nodes, checked node by node (the toolkit is started; nodes are built, not shown). */
@ExtendWith(ApplicationExtension.class)
class MarkdownRendererTest {

    private final List<String> copied = new ArrayList<>();
    private final MarkdownRenderer renderer = new MarkdownRenderer(copied::add);

    private static List<Text> texts(Node node) {
        List<Text> out = new ArrayList<>();
        if (node instanceof Text t) out.add(t);
        if (node instanceof javafx.scene.Parent p) p.getChildrenUnmodifiable().forEach(c -> out.addAll(texts(c)));
        return out;
    }

    @Test
    void headingAndParagraphWithEmphasisAndInlineCode() {
        List<Node> nodes = renderer.render("## Plan\n\nUse **bold**, *it* and `x+1`.");
        assertEquals(2, nodes.size());
        assertTrue(nodes.get(0).getStyleClass().containsAll(List.of("md-heading", "md-h2")));
        List<Text> parts = texts(nodes.get(1));
        assertEquals("Use bold, it and x+1.", String.join("", parts.stream().map(Text::getText).toList()));
        assertTrue(parts.get(1).getStyleClass().contains("md-strong"));
        assertTrue(parts.get(3).getStyleClass().contains("md-em"));
        assertTrue(parts.get(5).getStyleClass().contains("md-code-inline"));
    }

    @Test
    void fencedCodeHasItsLanguageAndACopyButton() {
        Node block = renderer.render("```java\nint x = 1;\n```").getFirst();
        assertTrue(block.getStyleClass().contains("md-code-block"));
        Label language = (Label) block.lookup(".md-code-language");
        assertEquals("java", language.getText());
        ((Button) block.lookup(".md-code-copy")).fire();
        assertEquals(List.of("int x = 1;"), copied);
    }

    @Test
    void listsNumberFromTheirStart() {
        Node list = renderer.render("3. three\n4. four").getFirst();
        List<String> markers = list.lookupAll(".md-list-marker").stream().map(n -> ((Label) n).getText()).toList();
        assertEquals(List.of("3.", "4."), markers);
    }

    @Test
    void tablesBecomeGrids() {
        Node table = renderer.render("| a | b |\n|---|--:|\n| 1 | 2 |").getFirst();
        GridPane grid = assertInstanceOf(GridPane.class, table);
        assertEquals(4, grid.getChildren().size());
        assertTrue(grid.getChildren().getFirst().getStyleClass().contains("md-table-head"));
        assertEquals("2", texts(grid.getChildren().get(3)).getFirst().getText());
    }

    @Test
    void boxedResultIsAHighlightedLabel() {
        TextFlow paragraph = (TextFlow) renderer.render("So the answer is $\\boxed{12}$.").getFirst();
        Label boxed = (Label) paragraph.lookup(".md-boxed");
        assertEquals("12", boxed.getText());
        assertEquals("So the answer is ", ((Text) paragraph.getChildren().getFirst()).getText());
    }

    @Test
    void rawHtmlIsShownAsText() {
        Node paragraph = renderer.render("a <b>c</b>").getFirst();
        assertEquals("a <b>c</b>", String.join("", texts(paragraph).stream().map(Text::getText).toList()));
    }
}

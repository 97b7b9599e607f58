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
import org.testfx.util.WaitForAsyncUtils;
import java.util.concurrent.TimeUnit;

/** Markdown into nodes, checked node by node (built on the FX thread, not shown). */
@ExtendWith(ApplicationExtension.class)
class MarkdownRendererTest {

    private final List<String> copied = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private final MarkdownRenderer renderer = new MarkdownRenderer(copied::add, opened::add);

    /** Renders on the FX thread, where nodes belong. */
    private List<Node> render(String markdown) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> renderer.render(markdown)).get(10, TimeUnit.SECONDS);
    }

    private static List<Text> texts(Node node) {
        List<Text> out = new ArrayList<>();
        if (node instanceof Text t) out.add(t);
        if (node instanceof javafx.scene.Parent p) p.getChildrenUnmodifiable().forEach(c -> out.addAll(texts(c)));
        return out;
    }

    @Test
    void headingAndParagraphWithEmphasisAndInlineCode() throws Exception {
        List<Node> nodes = render("## Plan\n\nUse **bold**, *it* and `x+1`.");
        assertEquals(2, nodes.size());
        assertTrue(nodes.get(0).getStyleClass().containsAll(List.of("md-heading", "md-h2")));
        List<Text> parts = texts(nodes.get(1));
        assertEquals("Use bold, it and x+1.", String.join("", parts.stream().map(Text::getText).toList()));
        assertTrue(parts.get(1).getStyleClass().contains("md-strong"));
        assertTrue(parts.get(3).getStyleClass().contains("md-em"));
        assertTrue(parts.get(5).getStyleClass().contains("md-code-inline"));
    }

    @Test
    void fencedCodeHasItsLanguageAndACopyButton() throws Exception {
        Node block = render("```java\nint x = 1;\n```").getFirst();
        assertTrue(block.getStyleClass().contains("md-code-block"));
        Text language = (Text) block.lookup(".md-code-language");
        assertEquals("java", language.getText());
        WaitForAsyncUtils.asyncFx(() -> ((Button) block.lookup(".md-code-copy")).fire()).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("int x = 1;"), copied);
    }

    @Test
    void listsNumberFromTheirStart() throws Exception {
        Node list = render("3. three\n4. four").getFirst();
        List<String> markers = list.lookupAll(".md-list-marker").stream().map(n -> ((Text) n).getText()).toList();
        assertEquals(List.of("3.", "4."), markers);
    }

    @Test
    void tablesBecomeGrids() throws Exception {
        Node table = render("| a | b |\n|---|--:|\n| 1 | 2 |").getFirst();
        GridPane grid = assertInstanceOf(GridPane.class, table);
        assertEquals(4, grid.getChildren().size());
        assertTrue(grid.getChildren().getFirst().getStyleClass().contains("md-table-head"));
        assertEquals("2", texts(grid.getChildren().get(3)).getFirst().getText());
    }

    @Test
    void boxedResultIsAHighlightedLabel() throws Exception {
        TextFlow paragraph = (TextFlow) render("So the answer is $\\boxed{12}$.").getFirst();
        Label boxed = (Label) paragraph.lookup(".md-boxed");
        assertEquals("12", boxed.getText());
        assertEquals("So the answer is ", ((Text) paragraph.getChildren().getFirst()).getText());
    }

    @Test
    void rawHtmlIsShownAsText() throws Exception {
        Node paragraph = render("a <b>c</b>").getFirst();
        assertEquals("a <b>c</b>", String.join("", texts(paragraph).stream().map(Text::getText).toList()));
    }

    /** A plain left click on {@code node}, as the mouse delivers it. */
    private static void click(Node node) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> node.getOnMouseClicked().handle(new javafx.scene.input.MouseEvent(
                javafx.scene.input.MouseEvent.MOUSE_CLICKED, 1, 1, 1, 1, javafx.scene.input.MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, true, null))).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWebLinkOpensItsAddressOnAClickAndAnyOtherDestinationNever() throws Exception {
        List<Text> parts = texts(render("See [the **docs**](https://example.org/a?b=1), [this](file:///etc/passwd), "
                + "[that](javascript:alert(1)) and [here](notes.md).").getFirst());
        List<Text> web = parts.stream().filter(t -> t.getText().equals("the ") || t.getText().equals("docs")).toList();
        assertEquals(2, web.size(), "both runs of the link's text, plain and bold");
        for (Text t : web) {
            assertTrue(t.getStyleClass().contains("md-link"));
            assertEquals(javafx.scene.Cursor.HAND, t.getCursor());
        }
        click(web.get(1));
        assertEquals(List.of("https://example.org/a?b=1"), opened);
        for (String text : List.of("this", "that", "here")) {
            Text inert = parts.stream().filter(t -> t.getText().equals(text)).findFirst().orElseThrow();
            assertTrue(inert.getStyleClass().contains("md-link"), text);
            assertEquals(null, inert.getOnMouseClicked(), text + " opens nothing");
        }
        Text plain = parts.stream().filter(t -> t.getText().startsWith("See")).findFirst().orElseThrow();
        assertEquals(null, plain.getOnMouseClicked(), "text outside links is not a link");
        assertEquals(List.of("https://example.org/a?b=1"), opened);
    }

    @Test
    void onlyAbsoluteWebAddressesWithAHostAreOpenable() {
        assertTrue(WebLinks.openable("https://example.org").isPresent());
        assertTrue(WebLinks.openable("HTTP://Example.org/x").isPresent());
        for (String other : List.of("file:///etc/passwd", "javascript:alert(1)", "notes.md", "https://", "http:///x",
                "mailto:a@b.c", "ftp://example.org", "", "https://exa mple.org")) {
            assertTrue(WebLinks.openable(other).isEmpty(), other);
        }
    }
}

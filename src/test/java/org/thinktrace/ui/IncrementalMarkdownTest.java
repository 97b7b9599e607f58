package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Incremental rendering of a growing answer against the independent reference, {@link MarkdownRenderer#render}
 * of the whole text at once: many random Markdown texts, each fed in pieces cut at random points, must show the
 * same nodes after every piece.
 */
@ExtendWith(ApplicationExtension.class)
class IncrementalMarkdownTest {

    private static final String[] WORDS = {"the", "sum", "is", "**bold**", "*it*", "`x+1`", "[link](http://a.b)",
            "[ref]", "\\boxed{42}", "$\\boxed{7}$", "\\boxed{", "}", "_u_", "a|b", "<b>", "&amp;", "-", "1.", "#", ">",
            "`", "*", "~~~", "```", "\\", "  ", "\t", "é", "\u00A0"};

    private final MarkdownRenderer renderer = new MarkdownRenderer(text -> { });

    /** A random line: plain text or the start of some block, sometimes indented. */
    private static String line(Random random) {
        StringBuilder line = new StringBuilder();
        line.append(" ".repeat(random.nextInt(10) == 0 ? random.nextInt(6) : 0));
        line.append(switch (random.nextInt(22)) {
            case 0 -> "# ";
            case 1 -> "### ";
            case 2 -> "- ";
            case 3 -> "* ";
            case 4 -> random.nextInt(4) + 1 + ". ";
            case 5 -> "> ";
            case 6 -> "```" + (random.nextBoolean() ? "java" : "");
            case 7 -> "~~~";
            case 8 -> "---";
            case 9 -> "===";
            case 10 -> "| a | b |";
            case 11 -> "|---|--:|";
            case 12 -> "<div>";
            case 13 -> "<!-- ";
            case 14 -> "-->";
            case 15 -> "    ";
            case 16 -> "[ref]: http://example.com";
            case 17 -> "1) ";
            default -> "";
        });
        int words = random.nextInt(6);
        for (int i = 0; i < words; i++) line.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        return line.toString();
    }

    /** A random Markdown text: lines with blank lines between some of them, and a random line ending style. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        String newline = random.nextInt(8) == 0 ? "\r\n" : "\n";
        int lines = 1 + random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            text.append(line(random)).append(newline);
            if (random.nextInt(3) == 0) text.append(newline);
        }
        // Link definitions make everything be rendered whole; keep most texts free of them.
        String result = text.toString();
        return random.nextInt(5) == 0 ? result : result.replace("]:", "] :");
    }

    private static String words(Random random, int most) {
        StringBuilder words = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(most); i < n; i++) {
            words.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return words.toString();
    }

    /**
     * A random text of long tables, lists and block quotes (many rows, items or lines each, with the awkward lines of
     * each kind: short and long rows, lines without pipes, rows of a lone pipe; continuation lines, blank lines, nested
     * items, code and changed markers in lists; blank, lazy, list, heading and setext lines in quotes), between
     * paragraphs.
     */
    private static String longBlocks(Random random) {
        StringBuilder text = new StringBuilder();
        String nl = random.nextInt(8) == 0 ? "\r\n" : "\n";
        for (int segment = 0, segments = 1 + random.nextInt(4); segment < segments; segment++) {
            int parts = 3 + random.nextInt(28);
            switch (random.nextInt(4)) {
                case 0 -> {
                    int columns = 1 + random.nextInt(4);
                    text.append("| head ".repeat(columns)).append('|').append(nl);
                    for (int c = 0; c < columns; c++) text.append(random.nextBoolean() ? "|---" : "|--:");
                    text.append('|').append(nl);
                    for (int row = 0; row < parts; row++) {
                        int roll = random.nextInt(20);
                        if (roll == 0) text.append("lazy ").append(words(random, 3));
                        else if (roll == 1 && row > parts - 3) text.append("|");
                        else {
                            int cells = Math.max(1, columns - 1 + random.nextInt(3));
                            for (int c = 0; c < cells; c++) text.append("| ").append(words(random, 3)).append(' ');
                            if (random.nextInt(4) > 0) text.append('|');
                        }
                        text.append(nl);
                    }
                }
                case 1 -> {
                    String[] markers = {"- ", "* ", "1. ", "3) "};
                    String marker = markers[random.nextInt(markers.length)];
                    for (int item = 0; item < parts; item++) {
                        if (random.nextInt(25) == 0) marker = markers[random.nextInt(markers.length)];
                        text.append(marker).append(words(random, 4)).append(nl);
                        switch (random.nextInt(10)) {
                            case 0 -> text.append("   ").append(words(random, 3)).append(nl);
                            case 1 -> text.append(nl);
                            case 2 -> text.append("   - ").append(words(random, 2)).append(nl);
                            case 3 -> text.append("   ```").append(nl).append("   code ").append(item).append(nl)
                                    .append("   ```").append(nl);
                            case 4 -> text.append(words(random, 2)).append(nl);
                            default -> { }
                        }
                    }
                }
                case 2 -> {
                    for (int line = 0; line < parts; line++) {
                        text.append(switch (random.nextInt(12)) {
                            case 0 -> ">";
                            case 1 -> "> - " + words(random, 2);
                            case 2 -> "> ---";
                            case 3 -> "> # " + words(random, 2);
                            case 4 -> words(random, 2);
                            case 5 -> "> ```";
                            default -> "> " + words(random, 5);
                        }).append(nl);
                    }
                }
                default -> text.append(random.nextBoolean() ? "# " : "").append(words(random, 8)).append(nl);
            }
            if (random.nextInt(3) > 0) text.append(nl);
        }
        String result = text.toString();
        return random.nextInt(10) == 0 ? result : result.replace("]:", "] :");
    }

    /** The nodes as a string: types, style classes, texts, grid positions, alignments, children. */
    static String describe(List<Node> nodes) {
        StringBuilder out = new StringBuilder();
        for (Node node : nodes) describe(node, 0, out);
        return out.toString();
    }

    private static void describe(Node node, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(node.getClass().getSimpleName()).append(node.getStyleClass());
        if (node instanceof Text t) out.append(" \"").append(t.getText()).append('"');
        if (node instanceof Labeled l) out.append(" \"").append(l.getText()).append('"');
        if (node instanceof TextFlow f) out.append(' ').append(f.getTextAlignment());
        if (node.getParent() instanceof GridPane) {
            out.append(" @").append(GridPane.getRowIndex(node)).append(',').append(GridPane.getColumnIndex(node));
        }
        out.append('\n');
        if (node instanceof Parent p && !(node instanceof Labeled)) {
            for (Node child : p.getChildrenUnmodifiable()) describe(child, depth + 1, out);
        }
    }

    @Test
    void growingTextsCutAtRandomPointsRenderAsTheWholeText() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Random random = new Random(20261202);
            int keptSomewhere = 0;
            for (int t = 0; t < 400; t++) {
                String text = text(random);
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                List<Node> shown = new ArrayList<>();
                int at = 0;
                while (at < text.length()) {
                    at = Math.min(text.length(), at + 1 + random.nextInt(random.nextBoolean() ? 4 : 40));
                    String prefix = text.substring(0, at);
                    IncrementalMarkdown.Update update = incremental.update(prefix);
                    keptSomewhere += update.kept() > 0 ? 1 : 0;
                    update.applyTo(shown);
                    assertEquals(describe(renderer.render(prefix)), describe(shown),
                            "text " + t + " cut at " + at + ":\n" + prefix);
                }
            }
            assertTrue(keptSomewhere > 1000, "finished blocks were kept: " + keptSomewhere);
            return null;
        }).get(300, TimeUnit.SECONDS);
    }

    @Test
    void longTablesListsAndQuotesStreamedInSmallPiecesRenderAsTheWholeTextAndGrowInPlace() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Random random = new Random(20261207);
            int grownInPlace = 0;
            for (int t = 0; t < 50; t++) {
                String text = longBlocks(random);
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                List<Node> shown = new ArrayList<>();
                int at = 0;
                while (at < text.length()) {
                    at = Math.min(text.length(), at + 1 + random.nextInt(random.nextBoolean() ? 6 : 30));
                    String prefix = text.substring(0, at);
                    List<String> before = new ArrayList<>();
                    for (Node node : shown) before.add(describe(List.of(node)));
                    IncrementalMarkdown.Update update = incremental.update(prefix);
                    update.applyTo(shown);
                    // A kept node that is shown differently after the update was grown in place.
                    int last = update.kept() - 1;
                    if (last >= 0 && !before.get(last).equals(describe(List.of(shown.get(last))))) grownInPlace++;
                    assertEquals(describe(renderer.render(prefix)), describe(shown),
                            "text " + t + " cut at " + at + ":\n" + prefix);
                }
            }
            assertTrue(grownInPlace > 1000, "blocks grew in place: " + grownInPlace);
            return null;
        }).get(300, TimeUnit.SECONDS);
    }

    @Test
    void anotherTextSharingTheKeptBlocksCharactersButNotTheLineThatClosedThemStartsOver() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            // The second text goes on from the same characters with a lazy line, a setext underline, a table's
            // delimiter row: each continues the block the first text's next line had closed.
            String[][] pairs = {{"Sure.\n- a\n- b", "Sure.\nIt is 4."}, {"Result\n# Details\nmore", "Result\n===\nmore"},
                    {"a | b\n- x\n- y", "a | b\n|---|---|\n| 1 | 2 |"}, {"> quote\n- x\n- y", "> quote\nlazy"}};
            for (String[] pair : pairs) {
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                List<Node> shown = new ArrayList<>();
                incremental.update(pair[0]).applyTo(shown);
                incremental.update(pair[1]).applyTo(shown);
                assertEquals(describe(renderer.render(pair[1])), describe(shown), pair[0] + " then " + pair[1]);
            }
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void versionsSharingABeginningShownInTurnRenderAsTheirWholeText() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Random random = new Random(20261208);
            int keptAcross = 0;
            for (int t = 0; t < 80; t++) {
                String first = random.nextBoolean() ? text(random) : longBlocks(random);
                // The other version: the same beginning, cut at a random point, then text of its own.
                String second = first.substring(0, random.nextInt(first.length() + 1))
                        + (random.nextBoolean() ? text(random) : line(random) + "\n" + line(random));
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                List<Node> shown = new ArrayList<>();
                for (String version : List.of(first, second, first)) {
                    int at = random.nextInt(version.length() + 1);
                    while (true) {
                        String prefix = version.substring(0, at);
                        IncrementalMarkdown.Update update = incremental.update(prefix);
                        keptAcross += update.kept() > 0 ? 1 : 0;
                        update.applyTo(shown);
                        assertEquals(describe(renderer.render(prefix)), describe(shown),
                                "text " + t + " cut at " + at + ":\n" + prefix);
                        if (at == version.length()) break;
                        at = Math.min(version.length(), at + 1 + random.nextInt(60));
                    }
                }
            }
            assertTrue(keptAcross > 150, "blocks were kept: " + keptAcross);
            return null;
        }).get(300, TimeUnit.SECONDS);
    }

    @Test
    void aGrowingTableListOrQuoteKeepsTheNodesOfItsFinishedParts() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            String table = "| n | square |\n|---|--:|\n| 1 | 1 |\n| 2 | 4 |\n| 3 | 9 |\n| 4 | 1";
            String list = "3. first\n4. second\n   more\n\n5. third\n6. fou";
            String quote = "> one\n>\n> two\n> - three\n>\n> fo";
            // Each text, and how many of its part nodes are rendered again when its last line grows: a table's last row
            // (a cell per column); a list's or quote's last part and the one before it (which the part starting on
            // the incomplete last line does not close yet).
            for (var example : List.of(Map.entry(table, 2), Map.entry(list, 2), Map.entry(quote, 2))) {
                String text = example.getKey();
                int lastPart = example.getValue();
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                List<Node> shown = new ArrayList<>();
                // from three complete lines on: a second part has begun on a complete line
                int threeLines = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1) + 1;
                incremental.update(text.substring(0, threeLines + 3)).applyTo(shown);
                Parent block = (Parent) shown.getFirst();
                Node firstPart = block.getChildrenUnmodifiable().getFirst();
                for (int at = threeLines + 4; at <= text.length(); at++) {
                    IncrementalMarkdown.Update update = incremental.update(text.substring(0, at));
                    assertEquals(1, update.kept(), "the block grows in place: " + text.substring(0, at));
                    update.applyTo(shown);
                    assertSame(block, shown.getFirst());
                    assertSame(firstPart, block.getChildrenUnmodifiable().getFirst(), "its first part stays");
                    assertEquals(describe(renderer.render(text.substring(0, at))), describe(shown));
                }
                // The open parts are rendered again, the finished ones keep their nodes.
                List<Node> parts = List.copyOf(block.getChildrenUnmodifiable());
                incremental.update(text + "x").applyTo(shown);
                List<Node> now = block.getChildrenUnmodifiable();
                assertEquals(parts.size(), now.size());
                for (int i = 0; i < parts.size(); i++) {
                    boolean last = i >= parts.size() - lastPart;
                    assertEquals(!last, parts.get(i) == now.get(i), "part node " + i + " stays unless open: " + text);
                }
                assertEquals(describe(renderer.render(text + "x")), describe(shown));
            }
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aTextHeldToABudgetIsShownInBoundedStepsAndEndsAsTheWholeText() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Random random = new Random(7);
            Random costs = new Random(11);
            int stepsBehind = 0;
            int maxBlocks = 0;
            for (int t = 0; t < 60; t++) {
                StringBuilder joined = new StringBuilder();
                for (int i = 0, texts = 1 + random.nextInt(6); i < texts; i++) joined.append(text(random));
                String text = joined.toString();
                int budget = 1 + random.nextInt(120);
                int costBudget = costs.nextBoolean() ? Integer.MAX_VALUE : 1 + costs.nextInt(30);
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                MarkdownColumn column = new MarkdownColumn();
                int at = 0;
                int steps = 0;
                while (true) {
                    // The text grows by large pieces; each update shows at most the budget (to a line's end) more.
                    if (at < text.length()) at = Math.min(text.length(), at + 1 + random.nextInt(400));
                    String prefix = text.substring(0, at);
                    column.apply(incremental.update(prefix, budget, costBudget));
                    assertTrue(++steps < 10_000, "text " + t + " is caught up with");
                    if (at == text.length() && !incremental.behind()) break;
                    if (incremental.behind()) stepsBehind++;
                }
                assertEquals(describe(renderer.render(text)), describe(column.blocks()),
                        "text " + t + " with budget " + budget + ", cost " + costBudget);
                maxBlocks = Math.max(maxBlocks, column.blocks().size());
            }
            assertTrue(stepsBehind > 40, "updates were held back: " + stepsBehind);
            assertTrue(maxBlocks > 32, "texts of many blocks were shown: " + maxBlocks);
            return null;
        }).get(300, TimeUnit.SECONDS);
    }

    @Test
    void aBudgetKeepsEachStepToTheLinesItAllows() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
            List<Node> shown = new ArrayList<>();
            String text = "# One\n\nFirst paragraph.\n\n# Two\n\nSecond paragraph.\n";
            incremental.update(text, 3).applyTo(shown);
            assertTrue(incremental.behind());
            assertEquals(describe(renderer.render("# One\n")), describe(shown), "to the end of the first line");
            incremental.update(text, 20).applyTo(shown);
            assertEquals(describe(renderer.render("# One\n\nFirst paragraph.\n\n# Two\n")), describe(shown));
            incremental.update(text, 20).applyTo(shown);
            assertTrue(!incremental.behind());
            assertEquals(describe(renderer.render(text)), describe(shown));
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aCostBudgetBuildsAtMostTheBlocksThatFitInEachStepAndEndsAsTheWholeText() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            // Blocks of known cost, counted by hand: a heading or a one-word paragraph is 2 (the block, its text),
            // a code block is CODE_BLOCK_COST, a list of two one-word items is 7 (the list; per item: the item,
            // its paragraph, its text).
            StringBuilder text = new StringBuilder();
            List<Integer> costs = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                switch (i % 4) {
                    case 0 -> text.append("# Part ").append(i).append("\n\n");
                    case 1 -> text.append("word").append(i).append("\n\n");
                    case 2 -> text.append("```java\nint x = ").append(i).append(";\n```\n\n");
                    default -> text.append("- a\n- b\n\n");
                }
                costs.add(switch (i % 4) {
                    case 0, 1 -> 2;
                    case 2 -> IncrementalMarkdown.CODE_BLOCK_COST;
                    default -> 7;
                });
            }
            String whole = text.toString();
            for (int budget : new int[] {1, 5, 10, 19, 40}) {
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                MarkdownColumn column = new MarkdownColumn();
                int steps = 0;
                do {
                    int before = column.blocks().size();
                    IncrementalMarkdown.Update update = incremental.update(whole, Integer.MAX_VALUE, budget);
                    column.apply(update);
                    // The blocks built: those shown before that may still change (rebuilt), and the new ones.
                    int built = update.added().size();
                    int first = update.kept();
                    int cost = 0;
                    for (int b = first; b < first + built; b++) cost += costs.get(b);
                    // Over the budget only to show the blocks shown before again and one new block.
                    assertTrue(cost <= budget || built == before - first + 1,
                            "budget " + budget + ", step " + steps + ": " + built + " blocks costing " + cost);
                    assertTrue(column.blocks().size() >= before, "a step never shows fewer blocks");
                    assertTrue(++steps <= costs.size() + 1, "budget " + budget + " is caught up with");
                } while (incremental.behind());
                assertEquals(describe(renderer.render(whole)), describe(column.blocks()), "budget " + budget);
                if (budget == 1) assertTrue(steps >= costs.size(), "one block a step: " + steps);
            }
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void finishedBlocksKeepTheirNodesAndAnotherTextStartsOver() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
            List<Node> shown = new ArrayList<>();
            incremental.update("# Plan\n\nFirst paragraph.\n\nSecond").applyTo(shown);
            Node heading = shown.get(0);
            IncrementalMarkdown.Update update = incremental.update("# Plan\n\nFirst paragraph.\n\nSecond one.\n\n- a");
            assertEquals(1, update.kept(), "the heading was finished (the next block began on a complete line)");
            update.applyTo(shown);
            assertSame(heading, shown.get(0));
            List<Node> finished = List.copyOf(shown.subList(0, 2));
            update = incremental.update("# Plan\n\nFirst paragraph.\n\nSecond one.\n\n- a\n- b");
            assertEquals(2, update.kept(), "the first paragraph is finished too; the second closed on the last update");
            update.applyTo(shown);
            for (int i = 0; i < 2; i++) assertSame(finished.get(i), shown.get(i), "block " + i);
            assertEquals(4, shown.size());

            IncrementalMarkdown.Update other = incremental.update("Another version.");
            assertEquals(0, other.kept());
            other.applyTo(shown);
            assertEquals(describe(renderer.render("Another version.")), describe(shown));
            return null;
        }).get(60, TimeUnit.SECONDS);
    }
}

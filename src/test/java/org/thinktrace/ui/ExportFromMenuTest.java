package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.SeedMode;
import org.thinktrace.chat.Theme;
import org.thinktrace.chat.export.ExportedVersion;
import org.thinktrace.chat.export.Replay;
import org.thinktrace.chat.export.TraceExport;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;

/**
 * The conversation menu's exports in the real window over the bundled model, headless: a greedy response and a
 * seeded sampled version of it, exported as JSON through "Export as JSON…" and replayed on the same model with
 * identical tokens for every version, and exported as Markdown with the thinking folded in {@code <details>}.
 * The save dialog cannot be shown headless: the window's {@link FileDialogs} answers with a file in a temporary
 * folder, under the name the app offers.
 */
@ExtendWith(ApplicationExtension.class)
class ExportFromMenuTest extends BundledModelTestBase {

    private static final String QUESTION = "What is 738 + 456?";
    private static final int MAX_TOKENS = 300;
    private static final long SEED = 20_251_202L;

    /** The generator the app loaded, kept to replay on the same model. */
    private final AtomicReference<TextGenerator> loaded = new AtomicReference<>();
    /** What the window asked its save dialog, in order. */
    private final List<FileDialogs.SaveRequest> asked = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    /**
     * Opens the open conversation's menu in the list, picks {@code item}, waits until the file is written, and
     * returns it.
     */
    private Path exportThroughTheMenu(Path exports, String item) throws Exception {
        int before = asked.size();
        ListCell<?> row = fx(() -> lookup(".conversation-list .list-cell")
                .match(n -> n instanceof ListCell<?> c && !c.isEmpty() && c.isSelected()).queryAs(ListCell.class));
        // A right click asks for the menu with a context-menu event; headless Monocle sends none for a right click,
        // so the test sends the event the platform sends, at the row's centre.
        fx(() -> {
            double x = row.getWidth() / 2;
            double y = row.getHeight() / 2;
            Point2D screen = row.localToScreen(x, y);
            Event.fireEvent(row, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, x, y, screen.getX(),
                    screen.getY(), false, null));
            return null;
        });
        clickOn(item);
        waitUntil(() -> asked.size() == before + 1);
        // the export is written on the background executor, which runs one task at a time: once a later task ran,
        // the file is complete
        background.submit(() -> { }).get(60, TimeUnit.SECONDS);
        return exports.resolve(asked.getLast().initialFileName());
    }

    @Test
    void exportingAsJsonThenReplayingGivesIdenticalTokensAndMarkdownFoldsTheThinking() throws Exception {
        Path exports = Files.createDirectories(home.resolve("exports"));
        ModelLoader local = ModelLoader.local();
        // the application's loader, keeping what it loaded; the save dialog answers exports/<the offered name>
        openWithTheBundledModel(new AppSettings(SamplingSettings.greedy(), MAX_TOKENS, 0, "", false, Theme.LIGHT, 14),
                (folder, precision, progress) -> {
                    ModelLoader.Opened model = local.load(folder, precision, progress);
                    loaded.set(model.generator());
                    return model;
                }, (owner, request) -> {
                    asked.add(request);
                    return Optional.of(exports.resolve(request.initialFileName()));
                });
        ask(QUESTION);
        SamplingSettings sampled = SamplingSettings.r1Defaults().withSeed(SEED);
        fx(() -> {
            vm.applySettings(new AppSettings(sampled, SeedMode.FIXED, MAX_TOKENS, 0, "", false, Theme.LIGHT, 14, null));
            return null;
        });
        clickOn(fx(() -> from(lastResponse()).lookup(".regenerate").queryButton()));
        waitLong(() -> vm.stateProperty().get() == AppState.READY && response().versions().size() == 2);
        AssistantMessage message = response();
        List<AssistantVersion> stored = message.versions();
        assertEquals(0, stored.get(0).sampling().temperature(), "the first version is greedy");
        assertEquals(sampled, stored.get(1).sampling());

        Path json = exportThroughTheMenu(exports, "Export as JSON…");
        String id = fx(() -> vm.conversations().selectedProperty().get().id());
        FileDialogs.SaveRequest request = asked.getLast();
        assertEquals(fx(() -> vm.exportFileName(id, MainViewModel.ExportFormat.JSON)), request.initialFileName());
        assertEquals("json", request.extension());
        List<ExportedVersion> versions = TraceExport.read(json);
        assertEquals(2, versions.size(), "every version of the response");
        for (int i = 0; i < 2; i++) {
            ExportedVersion exported = versions.get(i);
            assertEquals(stored.get(i).sampling(), exported.sampling());
            assertArrayEquals(stored.get(i).tokens().ids(),
                    exported.tokens().stream().mapToInt(t -> t.id()).toArray(), "version " + (i + 1));
        }
        List<Replay.Outcome> outcomes = Replay.run(versions, loaded.get());
        for (int i = 0; i < 2; i++) {
            Replay.Identical same = assertInstanceOf(Replay.Identical.class, outcomes.get(i), "version " + (i + 1));
            assertEquals(stored.get(i).tokens().ids().length, same.count());
        }

        Path markdown = exportThroughTheMenu(exports, "Export as Markdown…");
        assertEquals("md", asked.getLast().extension());
        String md = Files.readString(markdown, StandardCharsets.UTF_8);
        AssistantVersion shown = stored.get(message.selected());
        assertTrue(md.contains("### User\n\n" + QUESTION + "\n"), md);
        assertTrue(md.contains("<details>\n<summary>Thinking</summary>\n\n" + shown.thinking().strip()
                + "\n\n</details>\n\n" + shown.answer().strip() + "\n"), md);
        assertTrue(md.contains("_Version 2 of 2_"), md);
    }
}

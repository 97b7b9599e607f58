package org.thinktrace.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotException;
import org.testfx.api.FxToolkit;
import org.testfx.robot.Motion;
import org.testfx.service.query.PointQuery;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * Shared set-up of the end-to-end tests: a real {@link MainWindow} on a headless (Monocle) stage, over a
 * temporary data folder, with a {@link ScriptedGenerator} as the loaded model.
 *
 * <p>Every look at the scene graph happens on the JavaFX thread: the robot's clicks and moves find their node and
 * its point there ({@link FxThreadPointQuery}), and tests query nodes through {@link #fx} or {@link #waitUntil}.
 * Reading children or bounds from the test thread while a pulse runs corrupts the scene graph's cached bounds.
 */
abstract class DesktopTestBase extends FxRobot {

    @TempDir
    Path home;

    /** The stage TestFX gives each test (subclasses capture it in their {@code @Start} method). */
    Stage stage;

    /** The window the last {@link #openWindow} built. */
    MainWindow window;

    private final java.util.List<MainViewModel> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Closes every window and view-model a test opened, so no frame pump or generator outlives it. */
    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
        fx(() -> {
            opened.forEach(MainViewModel::close);
            return null;
        });
    }

    /** Builds the app's view-model and window on {@code stage}, as the application does, with the given generator. */
    MainViewModel openWindow(Stage stage, ScriptedGenerator generator) throws Exception {
        MainViewModel vm = openWindowWithoutModel(stage, generator);
        vm.openModel(Files.createDirectories(home.resolve("model")));
        return vm;
    }

    /** The window as it opens before any model is loaded; opening a folder will give {@code generator}. */
    MainViewModel openWindowWithoutModel(Stage stage, ScriptedGenerator generator) {
        return openWindowWithoutModel(stage, generator, Runnable::run, Runnable::run);
    }

    /**
     * The window as the application opens it, with the given generator, background and storage executors (the
     * application's own, rather than same-thread ones, where a test measures the FX thread).
     */
    MainViewModel openWindow(Stage stage, ScriptedGenerator generator, Executor background, Executor storage)
            throws Exception {
        MainViewModel vm = openWindowWithoutModel(stage, generator, background, storage);
        vm.openModel(Files.createDirectories(home.resolve("model")));
        return vm;
    }

    private MainViewModel openWindowWithoutModel(Stage stage, ScriptedGenerator generator, Executor background,
                                                 Executor storage) {
        return openWindowWithoutModel(stage, (folder, precision, progress) -> ModelLoader.Opened.of(generator),
                background, storage);
    }

    /** The window as it opens before any model is loaded, loading models with {@code loader} (same-thread executors). */
    MainViewModel openWindowWithoutModel(Stage stage, ModelLoader loader) {
        return openWindowWithoutModel(stage, loader, Runnable::run, Runnable::run);
    }

    private MainViewModel openWindowWithoutModel(Stage stage, ModelLoader loader, Executor background,
                                                 Executor storage) {
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                loader, background, Platform::runLater, storage, Clock.systemUTC(), System::nanoTime));
        vm.start();
        opened.add(vm);
        window = new MainWindow(vm, stage, FileDialogs.system());
        stage.show();
        return vm;
    }

    /**
     * Evaluates on the FX thread. The bound is generous: the first window of a test JVM parses the theme's CSS,
     * which on a build machine shared by many jobs can take well over ten seconds.
     */
    static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(60, TimeUnit.SECONDS);
    }

    /** {@link #fx} for callers that cannot throw checked exceptions; runs at once when already on the FX thread. */
    static <T> T onFxThread(Callable<T> query) {
        try {
            return Platform.isFxApplicationThread() ? query.call() : fx(query);
        } catch (RuntimeException e) {
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The robot's point on {@code node}, computed on the FX thread each time the robot reads it. */
    @Override
    public PointQuery point(Node node) {
        return new FxThreadPointQuery(super.point(node));
    }

    @Override
    public FxRobot clickOn(String query, Motion motion, MouseButton... buttons) {
        return clickOn(point(visibleNode(query)), motion, buttons);
    }

    @Override
    public FxRobot doubleClickOn(String query, Motion motion, MouseButton... buttons) {
        return doubleClickOn(point(visibleNode(query)), motion, buttons);
    }

    @Override
    public FxRobot moveTo(String query, Motion motion) {
        return moveTo(point(visibleNode(query)), motion);
    }

    /** The first node that {@code query} finds and that shows on the screen, found on the FX thread. */
    private Node visibleNode(String query) {
        return onFxThread(() -> lookup(query).match(NodeQueryUtils.isVisible()).tryQuery()
                .orElseThrow(() -> new FxRobotException("the query \"" + query + "\" found no visible node")));
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** Puts the message into {@code vm}'s composer at once (typing is slow under the robot) and presses Enter. */
    void send(MainViewModel vm, String text) throws Exception {
        fx(() -> {
            vm.composerTextProperty().set(text);
            return null;
        });
        clickOn(".composer-input").type(javafx.scene.input.KeyCode.ENTER);
    }

    /** The view of the transcript's last response (call on the FX thread). */
    Node lastResponse() {
        java.util.List<Node> responses = java.util.List.copyOf(lookup(".assistant-message").queryAll());
        return responses.getLast();
    }

    /** All text drawn under a node (Text nodes and labels), concatenated. */
    static String textUnder(Node node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(Node node, StringBuilder out) {
        if (node instanceof Text t) out.append(t.getText());
        if (node instanceof javafx.scene.control.Labeled l) {
            out.append(l.getText()); // its skin draws the same text again: do not descend
            return;
        }
        if (node instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) collect(child, out);
        }
    }
}

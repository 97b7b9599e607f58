package org.thinktrace.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.testfx.util.WaitForAsyncUtils;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;

/**
 * Shared set-up of the end-to-end tests over the real bundled model: the window as the application builds it, with
 * the local model loader and one background thread (loading, the export writes and the probes run there in order);
 * skipped when the bundled model is absent. The waits are long: a build machine shared by many jobs runs the model
 * slowly. Subclasses keep the stage from their own {@code @Start} method (TestFX looks for it on the test class only).
 */
abstract class BundledModelTestBase extends DesktopTestBase {

    static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");

    final ExecutorService background = Executors.newSingleThreadExecutor();
    MainViewModel vm;

    @AfterEach
    void closeModel() throws Exception {
        if (vm != null) fx(() -> {
            vm.close();
            return null;
        });
        background.shutdownNow();
    }

    static <T> T slowFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(90, TimeUnit.SECONDS);
    }

    static void waitLong(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> slowFx(condition));
    }

    /** The open conversation's last message, which the tests make a response. */
    AssistantMessage response() throws Exception {
        return fx(() -> (AssistantMessage) vm.currentMessages().getLast());
    }

    /**
     * Opens the window with {@code settings} and {@code dialogs}, loads the bundled model through {@code loader}
     * (the application's, or one that wraps it), and waits until it is ready.
     */
    void openWithTheBundledModel(AppSettings settings, ModelLoader loader, FileDialogs dialogs) throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no bundled model in " + MODEL.toAbsolutePath());
        vm = slowFx(() -> {
            MainViewModel opened = new MainViewModel(new MainViewModel.Dependencies(
                    new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                    loader, background, Platform::runLater, Runnable::run, Clock.systemUTC(), System::nanoTime));
            opened.start();
            opened.applySettings(settings);
            new MainWindow(opened, stage, dialogs);
            stage.show();
            opened.openModel(MODEL);
            return opened;
        });
        waitLong(() -> vm.stateProperty().get() == AppState.READY);
    }

    /** Sends {@code question} from the composer and waits until its response has finished. */
    void ask(String question) throws Exception {
        send(vm, question);
        waitLong(() -> vm.stateProperty().get() == AppState.READY && !vm.currentMessages().isEmpty()
                && vm.currentMessages().getLast() instanceof AssistantMessage);
    }
}

package org.thinktrace.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.DataFolderLock;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.chat.UserFolders;
import org.thinktrace.generate.BundledModel;

/**
 * The JavaFX application: wires the stores in the user's folders, the model loader and the executors into
 * the {@link MainViewModel}, shows the {@link MainWindow}, and opens the bundled model when it is there.
 * The system properties {@code thinktrace.data} and {@code thinktrace.config} move the data and config
 * folders (e.g. for a clean demo); {@code thinktrace.model} names another model folder to open at start.
 * A second app on the same data folder finds it locked ({@link DataFolderLock}) and opens read-only, with a banner.
 */
public final class ThinkTraceApp extends Application {

    private MainViewModel main;
    private ExecutorService background;
    private ExecutorService storage;
    private ConversationStore conversations;
    private DataFolderLock lock;

    @Override
    public void start(Stage stage) {
        UserFolders folders = UserFolders.forCurrentUser();
        Path data = Path.of(System.getProperty("thinktrace.data", folders.data().toString()));
        Path config = Path.of(System.getProperty("thinktrace.config", folders.config().toString()));
        // One thread per load: a cancelled load that is slow to notice must not hold up the next one.
        background = Executors.newCachedThreadPool(daemon("thinktrace-model-loader"));
        storage = Executors.newSingleThreadExecutor(daemon("thinktrace-storage"));
        lock = DataFolderLock.acquire(data);
        String readOnly = readOnlyReason(lock, data);
        // a read-only window keeps new weight hashes in memory only: the data folder is the other app's to write
        Path hashes = data.resolve("weights-sha256.json");
        conversations = new ConversationStore(data);
        main = new MainViewModel(new MainViewModel.Dependencies(conversations, new SettingsStore(config),
                readOnly.isEmpty() ? ModelLoader.local(hashes) : ModelLoader.readingOnly(hashes), background,
                Platform::runLater, storage, Clock.systemUTC(), System::nanoTime, readOnly));
        main.start();
        new MainWindow(main, stage, FileDialogs.system(), this::openInBrowser);
        stage.show();
        String chosen = System.getProperty("thinktrace.model");
        main.openDefaultModel(chosen != null ? Path.of(chosen)
                : BundledModel.locate().orElse(BundledModel.candidates().getFirst()));
    }

    @Override
    public void stop() {
        new AppShutdown(main, background, storage, conversations, lock).run();
    }

    /** Hands a web link's address to the system browser, off the FX thread (starting a browser can take a while). */
    private void openInBrowser(String url) {
        var hostServices = getHostServices();
        Thread.ofVirtual().name("thinktrace-open-link").start(() -> {
            try {
                hostServices.showDocument(url);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ThinkTraceApp.class).warn("opening {} in the browser failed", url, e);
            }
        });
    }

    /** Empty when this app holds the data folder; else why this window only reads it. */
    static String readOnlyReason(DataFolderLock lock, Path data) {
        return lock.otherHolder().map(holder -> "Another ThinkTrace (" + holder + ") is using " + data
                + ": this window is read-only, so the two never overwrite each other's conversations."
                + " Close the other one and start ThinkTrace again to make changes.").orElse("");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name).daemon().factory();
    }
}

package org.thinktrace.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.RemoteServer;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.remote.RemoteEndpoint;
import org.thinktrace.remote.RemoteGenerator;

/**
 * The loaded model: which one, on what device, and the loading of another in the background with progress
 * and cancel. A new model replaces the old one only once it loaded; a failed or cancelled load leaves the old
 * one in place. Changed on the FX thread; the load itself runs on the {@code background} executor and
 * reports back through {@code ui}.
 */
public final class ModelSlotViewModel {

    /** Where the slot stands. */
    public enum Status {
        EMPTY,
        LOADING,
        LOADED
    }

    private static final Logger log = LoggerFactory.getLogger(ModelSlotViewModel.class);

    private final ModelLoader loader;
    private final Executor background;
    private final Executor ui;
    private final Consumer<String> problems;

    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.EMPTY);
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper("No model");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper noModelReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final AtomicReference<Thread> loadingThread = new AtomicReference<>();
    private AtomicBoolean cancelled = new AtomicBoolean();
    private TextGenerator generator;

    /** @param problems told, on the FX thread, why a folder could not be opened (for a dialog) */
    ModelSlotViewModel(ModelLoader loader, Executor background, Executor ui, Consumer<String> problems) {
        this.loader = loader;
        this.background = background;
        this.ui = ui;
        this.problems = problems;
    }

    /** The loaded generator, or null. */
    TextGenerator generator() {
        return generator;
    }

    /** Opens the bundled model when it is there; otherwise says so and waits for the user to open one. */
    void openDefault(Path folder) {
        if (Files.isDirectory(folder)) {
            open(folder);
        } else {
            noModelReason.set("No model is loaded: the bundled model was not found at " + folder.toAbsolutePath()
                    + ". Open a model folder to start chatting.");
        }
    }

    /** Validates and loads a model folder in the background; a folder that cannot be used becomes a problem naming it. */
    void open(Path folder) {
        load("Opening " + folder.getFileName() + "…", e -> failureMessage(folder, e),
                progress -> loader.load(folder, progress));
    }

    /**
     * Connects to an OpenAI-compatible server in the background (its model list is checked first); a server
     * that cannot be used becomes a problem naming it and the reason (unreachable, key refused, unknown model).
     */
    void openRemote(RemoteServer server) {
        load("Connecting to " + server.baseUrl() + "…", e -> "The server " + server.baseUrl() + " could not be used:\n"
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                progress -> RemoteGenerator.connect(RemoteEndpoint.of(server.baseUrl(), server.model(),
                        server.apiKey().isEmpty() ? null : server.apiKey())));
    }

    /** One way of getting a generator, run on the background executor. */
    @FunctionalInterface
    private interface Load {
        TextGenerator run(ModelLoader.Progress progress) throws Exception;
    }

    private void load(String opening, java.util.function.Function<Exception, String> describeFailure, Load task) {
        if (status.get() == Status.LOADING) return;
        AtomicBoolean thisLoadCancelled = new AtomicBoolean();
        cancelled = thisLoadCancelled;
        status.set(Status.LOADING);
        progress.set(-1);
        progressText.set(opening);
        background.execute(() -> {
            loadingThread.set(Thread.currentThread());
            try {
                TextGenerator loaded = task.run((stage, done, total) -> ui.execute(() -> showProgress(stage, done, total)));
                ui.execute(() -> use(loaded, thisLoadCancelled));
            } catch (CancellationException | InterruptedException e) {
                ui.execute(() -> endLoad(""));
            } catch (Exception e) {
                log.warn("{} failed", opening, e);
                String failure = describeFailure.apply(e);
                ui.execute(() -> endLoad(thisLoadCancelled.get() ? "" : failure));
            } finally {
                loadingThread.set(null);
                // A cancel interrupts this thread; clear the flag so the executor's thread can be reused.
                Thread.interrupted();
            }
        });
    }

    /**
     * The problem dialog's text: a first line to head it, the folder, then every problem found (a
     * {@link ModelFolderException} lists them, each with what to do), one per paragraph.
     */
    static String failureMessage(Path folder, Exception e) {
        String head = "Could not open the model folder\n" + folder.toAbsolutePath() + "\n\n";
        if (e instanceof ModelFolderException m) {
            return head + m.problems().stream().map(p -> "• " + p).collect(java.util.stream.Collectors.joining("\n\n"));
        }
        return head + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private void showProgress(String stage, long done, long total) {
        if (status.get() != Status.LOADING) return;
        progress.set(total > 0 ? Math.min(1.0, (double) done / total) : -1);
        progressText.set(total > 0
                ? String.format(Locale.ROOT, "%s %,.1f of %,.1f MB", stage, done / 1e6, total / 1e6) : stage);
    }

    private void endLoad(String failure) {
        status.set(generator == null ? Status.EMPTY : Status.LOADED);
        progress.set(-1);
        progressText.set("");
        if (!failure.isEmpty()) problems.accept(failure);
    }

    private void use(TextGenerator loaded, AtomicBoolean loadCancelled) {
        if (loadCancelled.get()) {
            loaded.close();
            endLoad("");
            return;
        }
        TextGenerator old = generator;
        generator = loaded;
        if (old != null) old.close();
        modelName.set(loaded.modelName());
        device.set(loaded.deviceDescription());
        noModelReason.set("");
        endLoad("");
    }

    /** Stops a load in progress: the loader gives up and the slot keeps what it had. */
    void cancel() {
        cancelled.set(true);
        Thread thread = loadingThread.get();
        if (thread != null) thread.interrupt();
    }

    /** Cancels any load and releases the model. */
    void close() {
        cancel();
        if (generator != null) generator.close();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** Why no model is loaded (empty when one is, or while the reason is unknown). */
    public ReadOnlyStringProperty noModelReasonProperty() {
        return noModelReason.getReadOnlyProperty();
    }

    /** Loading progress 0..1, or −1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }
}

package org.thinktrace.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
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
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.remote.RemoteEndpoint;
import org.thinktrace.remote.RemoteGenerator;

/**
 * The loaded model: which one, on what device, and the loading of another in the background with progress
 * and cancel. A new model replaces the old one only once it loaded; a failed or cancelled load leaves the old
 * one in place. Changed on the FX thread; the load itself runs on the {@code background} executor and
 * reports back through {@code ui}.
 *
 * <p>Whatever a load throws, {@code Error}s included, the slot leaves LOADING and the reason is shown.
 * {@link #cancel()} takes effect at once: the slot leaves LOADING and can load again straight away, even
 * while the cancelled load is still unwinding; a cancelled load that still completes is closed, unused.
 *
 * <p>Local models load in the slot's precision ({@link #usePrecision}); {@link #reloadInPrecision()} loads the
 * local model in use again when it was loaded in another one (a remote one is not affected), by the same rule: the
 * model loaded before stays until the reload is done.
 */
public final class ModelSlotViewModel {

    /** Where the slot stands. */
    public enum Status {
        EMPTY,
        LOADING,
        LOADED
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModelSlotViewModel.class);

    private final ModelLoader loader;
    private final Executor background;
    private final Executor ui;
    private final BiConsumer<String, Throwable> problems;

    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.EMPTY);
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper("No model");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper noModelReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private Running currentLoad;
    private ModelLoader.Opened opened;
    /** The precision local models load in. */
    private PrecisionChoice precision = PrecisionChoice.AUTO;
    /** The folder of the local model in use; null when none is, or the generator is remote. */
    private Path openedFolder;
    /** The precision the local model in use was asked for. */
    private PrecisionChoice openedPrecision;

    /** One load in progress: cancelled on its own, interrupted through its own thread. */
    private static final class Running {
        final AtomicBoolean cancelled = new AtomicBoolean();
        /** The folder a local load reads; null for a remote one. */
        final Path folder;
        /** The precision a local load was asked for. */
        final PrecisionChoice precision;
        volatile Thread thread;

        Running(Path folder, PrecisionChoice precision) {
            this.folder = folder;
            this.precision = precision;
        }
    }

    /** @param problems told, on the FX thread, why a folder could not be opened and the failure behind it (for a dialog) */
    ModelSlotViewModel(ModelLoader loader, Executor background, Executor ui, BiConsumer<String, Throwable> problems) {
        this.loader = loader;
        this.background = background;
        this.ui = ui;
        this.problems = problems;
    }

    /** The loaded generator, or null. */
    TextGenerator generator() {
        return opened == null ? null : opened.generator();
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
        PrecisionChoice choice = precision;
        load(folder, "Opening " + folder.getFileName() + "…", e -> failureMessage(folder, e),
                progress -> loader.load(folder, choice, progress));
    }

    /** Loads local models in {@code choice} from now on; {@link #reloadInPrecision()} applies it to the model in use. */
    void usePrecision(PrecisionChoice choice) {
        precision = java.util.Objects.requireNonNull(choice, "choice");
    }

    /**
     * Loads the local model in use (or being loaded) again when it was asked for in another precision than the
     * slot's; a load in progress is cancelled first. Does nothing for a remote generator or when the precision is
     * the one asked for.
     */
    void reloadInPrecision() {
        if (currentLoad != null) {
            if (currentLoad.folder == null || currentLoad.precision.equals(precision)) return;
            Path folder = currentLoad.folder;
            cancel();
            open(folder);
        } else if (openedFolder != null && !openedPrecision.equals(precision)) {
            open(openedFolder);
        }
    }

    /**
     * Connects to an OpenAI-compatible server in the background (its model list is checked first); a server
     * that cannot be used becomes a problem naming it and the reason (unreachable, key refused, unknown model).
     */
    void openRemote(RemoteServer server) {
        load(null, "Connecting to " + server.baseUrl() + "…", e -> "The server " + server.baseUrl() + " could not be used:\n"
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                progress -> ModelLoader.Opened.of(RemoteGenerator.connect(RemoteEndpoint.of(server.baseUrl(),
                        server.model(), server.apiKey().isEmpty() ? null : server.apiKey()))));
    }

    /** One way of getting a generator, run on the background executor. */
    @FunctionalInterface
    private interface Load {
        ModelLoader.Opened run(LoadProgress progress) throws Exception;
    }

    private void load(Path folder, String opening, java.util.function.Function<Exception, String> describeFailure,
                      Load task) {
        if (status.get() == Status.LOADING) return;
        Running load = new Running(folder, precision);
        currentLoad = load;
        status.set(Status.LOADING);
        progress.set(-1);
        progressText.set(opening);
        background.execute(() -> {
            load.thread = Thread.currentThread();
            try {
                if (load.cancelled.get()) throw new CancellationException("cancelled before it started");
                ModelLoader.Opened loaded = task.run((stage, done, total) -> ui.execute(() -> showProgress(load, stage, done, total)));
                ui.execute(() -> use(loaded, load));
            } catch (CancellationException | InterruptedException e) {
                LOG.info("{} was cancelled", opening, e);
                ui.execute(() -> fail(load, "", null));
            } catch (Exception e) {
                LOG.error("{} failed", opening, e);
                String failure = describeFailure.apply(e);
                ui.execute(() -> fail(load, load.cancelled.get() ? "" : failure, e));
            } catch (Throwable e) { // an Error too must leave LOADING, or the app stays stuck in it
                LOG.error("{} failed", opening, e);
                String failure = describeFailure.apply(new Exception(e.getClass().getSimpleName()
                        + (e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage()), e));
                ui.execute(() -> fail(load, load.cancelled.get() ? "" : failure, e));
            } finally {
                load.thread = null;
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
        String kind = folder.getFileName() != null
                && folder.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")
                ? "GGUF model file" : "model folder";
        String head = "Could not open the " + kind + "\n" + folder.toAbsolutePath() + "\n\n";
        if (e instanceof ModelFolderException m) {
            return head + m.problems().stream().map(p -> "• " + p).collect(java.util.stream.Collectors.joining("\n\n"));
        }
        return head + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private void fail(Running load, String failure, Throwable cause) {
        if (load != currentLoad) return; // cancelled: the slot already left LOADING
        currentLoad = null;
        endLoad(failure, cause);
    }

    private void showProgress(Running load, LoadProgress.Stage stage, long done, long total) {
        if (load != currentLoad || status.get() != Status.LOADING) return;
        progress.set(total > 0 ? Math.min(1.0, (double) done / total) : -1);
        progressText.set(total > 0
                ? String.format(Locale.ROOT, "%s %,.1f of %,.1f MB", stageName(stage), done / 1e6, total / 1e6)
                : stageName(stage));
    }

    /** The status bar's words for a stage of loading. */
    static String stageName(LoadProgress.Stage stage) {
        return switch (stage) {
            case CHECKING -> "Checking the folder…";
            case TOKENIZER -> "Loading the tokenizer…";
            case WEIGHTS -> "Loading weights:";
            case HASHING -> "Hashing the weights:";
            case READY -> "Ready";
        };
    }

    private void endLoad(String failure, Throwable cause) {
        status.set(opened == null ? Status.EMPTY : Status.LOADED);
        progress.set(-1);
        progressText.set("");
        if (!failure.isEmpty()) problems.accept(failure, cause);
    }

    private void use(ModelLoader.Opened loaded, Running load) {
        if (load.cancelled.get() || load != currentLoad) {
            release(loaded);
            return;
        }
        currentLoad = null;
        ModelLoader.Opened old = opened;
        opened = loaded;
        openedFolder = load.folder;
        openedPrecision = load.precision;
        if (old != null) release(old);
        modelName.set(loaded.generator().modelName());
        device.set(loaded.generator().deviceDescription());
        noModelReason.set("");
        endLoad("", null);
    }

    /**
     * Stops a load in progress: the slot keeps what it had and leaves LOADING now; the loader is interrupted
     * and gives up when it next checks.
     */
    void cancel() {
        Running load = currentLoad;
        if (load == null) return;
        load.cancelled.set(true);
        Thread thread = load.thread;
        if (thread != null) thread.interrupt();
        currentLoad = null;
        endLoad("", null);
    }

    /** Cancels any load and releases the model. */
    void close() {
        cancel();
        if (opened != null) release(opened);
    }

    /** Frees a model no longer used; a failure to free is logged, not shown (nothing the user can do about it). */
    private static void release(ModelLoader.Opened model) {
        try {
            model.owner().close();
        } catch (Exception e) {
            LOG.error("closing the model {} failed", model.generator().modelName(), e);
        }
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

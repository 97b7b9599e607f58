package org.thinktrace.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.File;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.Theme;
import org.thinktrace.log.LogFolder;

/**
 * The main window: conversations on the left, the transcript in the middle with the composer under it,
 * the status bar at the bottom; keyboard shortcuts; dialogs for settings, model folders and problems.
 * Wires views to the {@link MainViewModel} and starts the per-frame pump; holds no state of its own.
 */
public final class MainWindow {

    /** The size of the window on its first start. */
    static final double DEFAULT_WIDTH = 1180;
    static final double DEFAULT_HEIGHT = 780;
    /** The smallest size at which nothing in the window is cut. */
    static final double MIN_WIDTH = 900;
    static final double MIN_HEIGHT = 600;
    /** The share of the window's width the conversation list takes until it is given a width of its own. */
    static final double DEFAULT_LIST_SHARE = 0.24;
    /** Shows or hides the conversation list. */
    static final KeyCodeCombination CONVERSATION_LIST_KEY = new KeyCodeCombination(KeyCode.B,
            KeyCombination.SHORTCUT_DOWN);

    private final MainViewModel main;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final FramePump pump;
    /** Scroll jumps of the transcript and the inspector's text, for the frame pump to make room for. */
    private final ViewportJumps jumps = new ViewportJumps();
    private final ConversationListView conversations;
    /** The conversation list beside the transcript (with the inspector's split). */
    private final SplitPane split;
    /**
     * How wide the list was when it was last shown, in pixels, up to the middle of its divider; 0 until known (a
     * share of the window then).
     */
    private double listWidth;
    private final ComposerView composer;
    private FindBar findBar;

    private final ExitGuard exitGuard;
    private final Consumer<String> openLink;

    /** Builds the window on {@code stage}, with links in answers that open nothing, and starts its frame pump. */
    MainWindow(MainViewModel main, Stage stage, FileDialogs dialogs) {
        this(main, stage, dialogs, url -> { });
    }

    /**
     * Builds the window on {@code stage} and starts its frame pump.
     *
     * @param dialogs  asks where to write files (the application passes {@link FileDialogs#system()})
     * @param openLink opens the address of a web link clicked in an answer (the application: the system browser)
     */
    MainWindow(MainViewModel main, Stage stage, FileDialogs dialogs, Consumer<String> openLink) {
        this.openLink = openLink;
        this.main = main;
        this.stage = stage;
        root.getStyleClass().add("main-window");
        conversations = new ConversationListView(main, this::newConversation, dialogs);
        composer = new ComposerView(main);

        split = new SplitPane(conversations, new InspectorSplit(centre(), main.inspector(), jumps));
        split.getStyleClass().add("main-split");
        split.setDividerPositions(DEFAULT_LIST_SHARE);
        listWidth = main.settingsProperty().get().conversationList().width();
        // the remembered width, once the split has one to take it from
        split.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> obs, Number old, Number width) {
                if (width.doubleValue() <= 0) return;
                split.widthProperty().removeListener(this);
                placeListDivider();
            }
        });
        SplitPane.setResizableWithParent(conversations, false);
        // wide enough for the search box's "Search conversations" beside "New" at the smallest window
        conversations.setMinWidth(250);
        root.setTop(header());
        root.setCenter(split);
        root.setBottom(new StatusBarView(main));

        scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(MainWindow.class.getResource("thinktrace.css").toExternalForm());
        installShortcuts();
        main.settingsProperty().addListener((obs, old, settings) -> {
            applyLook(settings);
            showConversationList(!settings.conversationList().hidden());
        });
        applyLook(main.settingsProperty().get());
        showConversationList(!main.settingsProperty().get().conversationList().hidden());
        main.problemProperty().addListener((obs, old, problem) -> showProblem(problem));

        stage.setTitle(main.readOnlyReason().isEmpty() ? "ThinkTrace" : "ThinkTrace (read-only)");
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        WindowPlacements.restore(stage, main.settingsProperty().get().window());
        pump = new FramePump(main, scene, jumps);
        pump.start();
        stage.setOnHidden(e -> {
            pump.stop();
            main.rememberWindow(WindowPlacements.of(stage).orElse(null),
                    conversationListShown() ? shownListWidth() : listWidth);
        });
        stage.setOnShown(e -> {
            composer.focusInput();
            // after the window's first frame: the first response then streams with its rendering code warm
            Platform.runLater(() -> RenderWarmUp.runOnce(scene.getStylesheets()));
        });
        exitGuard = ExitGuard.install(main, stage);
    }

    /**
     * Shows the conversation list beside the transcript, where its divider was, or hides it (the transcript and the
     * inspector take its width: a narrow window then has room for both).
     */
    private void showConversationList(boolean show) {
        if (show == split.getItems().contains(conversations)) return;
        if (show) {
            split.getItems().addFirst(conversations);
            placeListDivider();
        } else {
            listWidth = shownListWidth();
            split.getItems().remove(conversations);
        }
    }

    /** How far from the window's left edge the list's divider is now, in pixels (the list with its half of it). */
    private double shownListWidth() {
        return split.getWidth() > 0 ? split.getDividerPositions()[0] * split.getWidth() : listWidth;
    }

    /** Puts the list's divider where the list is as wide as it was (or at the default share of the window). */
    private void placeListDivider() {
        if (!conversationListShown() || split.getWidth() <= 0) return;
        split.setDividerPositions(listWidth > 0 ? Math.min(0.6, listWidth / split.getWidth()) : DEFAULT_LIST_SHARE);
    }

    /** Whether the conversation list is shown (for tests). */
    boolean conversationListShown() {
        return split.getItems().contains(conversations);
    }

    /** The scroll jumps the frame pump makes room for (for tests). */
    ViewportJumps viewportJumps() {
        return jumps;
    }

    /** What happens when the window is asked to close with conversations that could not be saved. */
    ExitGuard exitGuard() {
        return exitGuard;
    }

    public Scene scene() {
        return scene;
    }

    private HBox header() {
        Label title = new Label("ThinkTrace");
        title.getStyleClass().add("app-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button open = openModelButton();
        open.disableProperty().bind(main.stateProperty().isEqualTo(AppState.GENERATING)
                .or(main.stateProperty().isEqualTo(AppState.LOADING_MODEL)).or(main.inspector().probingProperty()));
        Button remote = new Button("Add OpenAI-compatible server…");
        remote.getStyleClass().add("open-remote");
        remote.setOnAction(e -> new RemoteServerDialog(stage, main.savedRemoteServer()).ask().ifPresent(main::openRemote));
        remote.disableProperty().bind(open.disableProperty());
        Button settings = new Button("Settings");
        settings.getStyleClass().add("open-settings");
        settings.setOnAction(e -> openSettings());
        ToggleButton list = new ToggleButton("☰");
        list.getStyleClass().addAll("toggle-conversation-list", "flat");
        list.setTooltip(new Tooltip("Show or hide the conversation list (" + CONVERSATION_LIST_KEY.getDisplayText()
                + ")"));
        list.setAccessibleText("Conversation list");
        list.setSelected(!main.settingsProperty().get().conversationList().hidden());
        main.settingsProperty().addListener((obs, old, now) -> list.setSelected(!now.conversationList().hidden()));
        list.setOnAction(e -> main.setConversationListHidden(!list.isSelected()));
        HBox header = new HBox(list, title, spacer, open, remote, settings);
        header.getStyleClass().add("app-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private BorderPane centre() {
        BooleanBinding emptyTranscript = Bindings.isEmpty(main.transcript());
        BooleanBinding noModel = main.stateProperty().isEqualTo(AppState.NO_MODEL)
                .or(main.stateProperty().isEqualTo(AppState.LOADING_MODEL));

        NoModelView noModelView = new NoModelView(main, this::chooseModelFolder, this::chooseGgufFile);
        noModelView.visibleProperty().bind(noModel.and(emptyTranscript));
        Label emptyHint = new Label("Ask something. The model's thinking streams here first, then its answer.");
        emptyHint.getStyleClass().add("empty-hint");
        emptyHint.setWrapText(true);
        emptyHint.visibleProperty().bind(noModel.not().and(emptyTranscript));
        TranscriptView transcript = new TranscriptView(main, jumps, openLink);
        StackPane middle = new StackPane(transcript, noModelView, emptyHint);
        // the transcript area gives up height first: the composer and the status bar always stay in the window
        noModelView.setMinHeight(0);
        emptyHint.setMinHeight(0);
        middle.setMinHeight(0);

        Label noModelText = new Label("No model loaded: this conversation can be read but not continued.");
        Button open = openModelButton();
        open.getStyleClass().add("small");
        HBox noModelBanner = new HBox(noModelText, open);
        noModelBanner.getStyleClass().add("no-model-banner");
        noModelBanner.setAlignment(Pos.CENTER_LEFT);
        noModelBanner.visibleProperty().bind(main.stateProperty().isEqualTo(AppState.NO_MODEL).and(emptyTranscript.not()));
        noModelBanner.managedProperty().bind(noModelBanner.visibleProperty());

        Label readOnly = new Label(main.readOnlyReason());
        readOnly.getStyleClass().addAll("warning-banner", "read-only-banner");
        readOnly.setWrapText(true);
        readOnly.setMaxWidth(Double.MAX_VALUE);
        readOnly.setVisible(!main.readOnlyReason().isEmpty());
        readOnly.setManaged(readOnly.isVisible());

        findBar = new FindBar(main.find());
        VBox top = new VBox(readOnly, new WarningsView(main), noModelBanner, findBar);
        BorderPane centre = new BorderPane(middle);
        centre.setTop(top);
        centre.setBottom(composer);
        return centre;
    }

    private void installShortcuts() {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newConversation);
        accelerators.put(CONVERSATION_LIST_KEY, () -> main.setConversationListHidden(
                !main.settingsProperty().get().conversationList().hidden()));
        accelerators.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), main::send);
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::find);
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::focusConversationSearch);
        accelerators.put(new KeyCodeCombination(KeyCode.F3), () -> main.find().next());
        accelerators.put(new KeyCodeCombination(KeyCode.F3, KeyCombination.SHIFT_DOWN), () -> main.find().previous());
        accelerators.put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), this::openSettings);
        accelerators.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseModelFolder);
        accelerators.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::chooseGgufFile);
        // A filter, not an accelerator: text fields (the composer has the focus) take Ctrl+H as backspace.
        KeyCodeCombination heat = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!heat.match(e)) return;
            main.inspector().heatProperty().set(!main.inspector().heatProperty().get());
            e.consume();
        });
        accelerators.put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN),
                () -> main.inspector().openProperty().set(!main.inspector().openProperty().get()));
        accelerators.put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (main.stateProperty().get() == AppState.GENERATING) main.stop();
            else main.cancelEdit();
        });
    }

    /** Ctrl+F: the find bar in a conversation with messages; in an empty one, the conversation list's search. */
    private void find() {
        if (main.transcript().isEmpty()) {
            focusConversationSearch();
            return;
        }
        main.find().openBar();
        findBar.focusField();
    }

    /** Puts the focus in the conversation list's search box, showing the list first if it is hidden. */
    private void focusConversationSearch() {
        main.setConversationListHidden(false);
        conversations.focusSearch();
    }

    /** Opens a new conversation with the focus in the composer, so what the user types next goes there. */
    private void newConversation() {
        main.newConversation();
        composer.focusInput();
    }

    private void applyLook(AppSettings settings) {
        boolean dark = settings.theme() == Theme.DARK;
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        // the colour of the first frame, before the theme's CSS paints the root (Primer's -color-bg-default)
        scene.setFill(dark ? Color.web("#0d1117") : Color.WHITE);
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpt;", settings.fontSize()));
    }

    private void chooseModelFolder() {
        if (main.modelBusy() || main.stateProperty().get() == AppState.LOADING_MODEL) return;
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open model folder (Hugging Face: config.json, tokenizer.json, *.safetensors)");
        File folder = chooser.showDialog(stage);
        if (folder != null) main.openModel(folder.toPath());
    }

    /** A single .gguf file (LM Studio, Ollama): weights, tokenizer and chat template in one file. */
    private void chooseGgufFile() {
        if (main.modelBusy() || main.stateProperty().get() == AppState.LOADING_MODEL) return;
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Open GGUF model file");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("GGUF model files", "*.gguf",
                "*.GGUF"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) main.openModel(file.toPath());
    }

    /** "Open model…": a menu of the two kinds of model, a Hugging Face folder or a single GGUF file. */
    private Button openModelButton() {
        Button open = new Button("Open model…");
        open.getStyleClass().add("open-model");
        javafx.scene.control.MenuItem folder = new javafx.scene.control.MenuItem(
                "Model folder (Hugging Face: config.json, *.safetensors)…");
        folder.setOnAction(e -> chooseModelFolder());
        javafx.scene.control.MenuItem gguf = new javafx.scene.control.MenuItem("GGUF file (.gguf: LM Studio, Ollama)…");
        gguf.setOnAction(e -> chooseGgufFile());
        javafx.scene.control.ContextMenu kinds = new javafx.scene.control.ContextMenu(folder, gguf);
        open.setOnAction(e -> kinds.show(open, javafx.geometry.Side.BOTTOM, 0, 0));
        return open;
    }

    private void openSettings() {
        new SettingsDialog(stage, main.settingsProperty().get(), main.modelContextLength()).ask().ifPresent(main::applySettings);
    }

    private void showProblem(String problem) {
        if (problem == null || problem.isEmpty()) return;
        // The first line heads the dialog ("Could not open the model folder"); the rest explains.
        int lineEnd = problem.indexOf('\n');
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle("ThinkTrace");
        alert.setHeaderText(lineEnd < 0 ? problem : problem.substring(0, lineEnd));
        alert.setContentText(lineEnd < 0 ? null : problem.substring(lineEnd + 1).strip());
        alert.getDialogPane().setPrefWidth(640);
        alert.setResizable(true);
        alert.getDialogPane().setExpandableContent(details(main.problemDetailsProperty().get()));
        alert.setOnHidden(e -> main.clearProblem());
        alert.show();
    }

    /** What "Show details" opens: the stack trace behind a problem, if any, and where the log file is. */
    private static TextArea details(String stackTrace) {
        String log = "The log file: " + LogFolder.currentFile();
        TextArea text = new TextArea(stackTrace.isEmpty() ? log : log + "\n\n" + stackTrace);
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(14);
        return text;
    }
}

package org.thinktrace.ui;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.thinktrace.generate.TokenAlternative;
import org.thinktrace.inspect.Fork;
import org.thinktrace.inspect.StepTag;
import org.thinktrace.inspect.TraceInspection;
import org.thinktrace.inspect.TraceLoop;
import org.thinktrace.inspect.TraceStep;
import org.thinktrace.inspect.TraceTokens;

/**
 * The inspector side panel: the selected response's thinking and answer in a virtualized text area with the
 * outline strip beside it, a tag legend, the confidence heat, the focused token's alternatives with "Continue
 * with this instead", the "When did it know?" chart, step importance (its cost to confirm, progress, a bar per
 * step), and collapsible step and fork lists. Binds to an
 * {@link InspectorViewModel}; holds only view state (the text shown and where each token lies in it).
 */
final class InspectorView extends VBox {

    static final String ANSWER_SEPARATOR = "\n\n── Answer ──\n";

    /** The largest share of the panel's height the tools below the trace take; the trace has the rest. */
    static final double TOOLS_SHARE = 0.5;
    /** The trace's text is never squeezed below this many pixels. */
    static final double MIN_TRACE_HEIGHT = 120;

    private final InspectorViewModel vm;
    private final TraceTextView text = new TraceTextView();
    private final OutlineStrip outline;
    private final ListView<TraceStep> stepList = new ListView<>();
    private final ListView<Fork> forkList = new ListView<>();
    private final TitledPane stepsPane;
    private final Label loopsLabel = new Label();
    private final VBox tokenDetails = new VBox();
    private final ConvergenceChart chart = new ConvergenceChart();
    private final ImportanceChart importanceChart;
    private final Tooltip hoverTip = new Tooltip();
    private final HeatLegend heatLegend = new HeatLegend();
    private Set<Integer> looping = Set.of();
    private TokenPlacement placement = TokenPlacement.NONE;
    /** The text in the text area (kept here: asking the area for it copies it out). */
    private String shown = "";
    /** The tokens and text length {@link #placement} was made for. */
    private TraceTokens placedTokens;
    private int placedLength = -1;
    private CompareWindow compareWindow;

    InspectorView(InspectorViewModel vm) {
        this.vm = vm;
        getStyleClass().add("inspector");
        outline = new OutlineStrip(this::scrollToStep);
        importanceChart = new ImportanceChart(step -> {
            vm.selectImportanceStep(step);
            scrollToStep(step);
        });

        text.getStyleClass().add("inspector-text");
        text.setOnCharHover(new TextHover.Listener() {
            @Override
            public void begin(int charIndex, javafx.geometry.Point2D screen) {
                int token = placement.tokenAt(charIndex);
                vm.hover(token);
                if (token >= 0 && !vm.hoverTextProperty().get().isEmpty()) {
                    hoverTip.show(text, screen.getX() + 12, screen.getY() + 12);
                }
            }

            @Override
            public void end() {
                hoverTip.hide();
            }
        });
        text.setOnCharClick(charIndex -> {
            int token = placement.tokenAt(charIndex);
            if (token >= 0) vm.focus(token);
        });
        hoverTip.getStyleClass().add("token-tip");
        hoverTip.textProperty().bind(vm.hoverTextProperty());

        HBox.setHgrow(text, Priority.ALWAYS);
        HBox body = new HBox(outline, text);
        body.getStyleClass().add("inspector-body");
        VBox.setVgrow(body, Priority.ALWAYS);

        stepList.setCellFactory(list -> new StepListCell(() -> looping, vm::resamplingOf));
        stepList.getSelectionModel().selectedItemProperty().addListener((obs, old, step) -> {
            if (step != null) scrollToStep(step.index());
        });
        stepList.setPrefHeight(180);
        Button editStep = AssistantMessageView.action("Edit step and continue…", "edit-step", this::editSelectedStep);
        editStep.disableProperty().bind(vm.canBranchProperty().not()
                .or(stepList.getSelectionModel().selectedItemProperty().isNull()));
        stepsPane = new TitledPane("Steps", new VBox(4, loopsLabel, stepList,
                explained(editStep, "Rewrite the selected step and let the model go on from it")));
        stepsPane.getStyleClass().add("inspector-steps");
        stepsPane.setExpanded(false);
        stepsPane.setAnimated(false);
        loopsLabel.getStyleClass().add("inspector-loops");
        loopsLabel.setWrapText(true);
        loopsLabel.managedProperty().bind(loopsLabel.visibleProperty());

        forkList.setCellFactory(list -> new ForkListCell());
        forkList.getSelectionModel().selectedItemProperty().addListener((obs, old, fork) -> {
            if (fork != null) {
                vm.focus(fork.token());
                scrollToToken(fork.token());
            }
        });
        forkList.setPrefHeight(150);
        TitledPane forksPane = new TitledPane("Forks", forkList);
        forksPane.getStyleClass().add("inspector-forks");
        forksPane.setExpanded(false);
        forksPane.setAnimated(false);
        forksPane.visibleProperty().bind(vm.tokensProperty().isNotNull());
        forksPane.managedProperty().bind(forksPane.visibleProperty());

        tokenDetails.getStyleClass().add("token-details");
        tokenDetails.managedProperty().bind(tokenDetails.visibleProperty());
        vm.focusedTokenProperty().addListener((obs, old, index) -> {
            showTokenDetails(index.intValue());
            markFocusedToken();
        });
        vm.canBranchProperty().addListener((obs, old, can) -> showTokenDetails(vm.focusedTokenProperty().get()));
        showTokenDetails(-1);

        heatLegend.visibleProperty().bind(vm.heatProperty());
        heatLegend.managedProperty().bind(heatLegend.visibleProperty());
        getChildren().addAll(header(), versionRow(), legend(), heatLegend, body, toolsBelow(body, new VBox(4, tokenDetails,
                convergenceBox(), importanceBox(), stepsPane, forksPane)));

        vm.inspectionProperty().addListener((obs, old, inspection) -> showInspection(inspection));
        vm.tokensProperty().addListener((obs, old, tokens) -> {
            showInspection(vm.inspectionProperty().get());
            heatLegend.show(tokens);
        });
        heatLegend.show(vm.tokensProperty().get());
        vm.importanceProperty().addListener((obs, old, importance) -> showImportance());
        vm.thinkingProperty().addListener((obs, old, now) -> showText());
        vm.answerProperty().addListener((obs, old, now) -> showText());
        vm.heatProperty().addListener((obs, old, on) -> applyHeat());
        vm.onLiveHeat(this::shade);
        showInspection(vm.inspectionProperty().get());
        vm.compare().openProperty().addListener((obs, was, open) -> {
            if (open && compareWindow == null && getScene() != null) {
                compareWindow = new CompareWindow(vm.compare(), getScene().getWindow());
            }
        });
    }

    /**
     * The token's details, the probes' results and the step and fork lists, below the trace: they scroll in their
     * own area of at most {@link #TOOLS_SHARE} of the panel's height, so that the trace keeps the rest however many
     * of them are open.
     */
    private ScrollPane toolsBelow(HBox body, VBox tools) {
        tools.getStyleClass().add("inspector-tools");
        ScrollPane scroll = new ScrollPane(tools) {
            /** As tall as what is open (a scroll pane would otherwise ask for a fixed viewport). */
            @Override
            protected double computePrefHeight(double width) {
                double inside = (width < 0 ? getWidth() : width) - snappedLeftInset() - snappedRightInset();
                return tools.prefHeight(inside > 0 ? inside : -1) + snappedTopInset() + snappedBottomInset();
            }
        };
        scroll.getStyleClass().add("inspector-tools-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinHeight(0);
        scroll.maxHeightProperty().bind(heightProperty().multiply(TOOLS_SHARE));
        // the trace asks for little and grows into what the tools leave
        body.setMinHeight(MIN_TRACE_HEIGHT);
        body.setPrefHeight(MIN_TRACE_HEIGHT);
        return scroll;
    }

    private VBox header() {
        Label title = new Label();
        title.getStyleClass().add("inspector-title");
        title.textProperty().bind(vm.titleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton heat = new ToggleButton("Heat");
        heat.getStyleClass().addAll("inspector-heat", "small");
        heat.selectedProperty().bindBidirectional(vm.heatProperty());
        heat.setTooltip(new Tooltip("Shade each token by how surprising it was to the model (Ctrl+H)"));
        Button probe = AssistantMessageView.action("When did it know?", "inspector-probe", vm::probeConvergence);
        Button importance = AssistantMessageView.action("Importance", "inspector-importance", vm::planImportance);
        importance.disableProperty().bind(vm.canProbeProperty().not().or(vm.importancePlanProperty().isNotNull()));
        Button close = AssistantMessageView.action("×", "inspector-close", () -> vm.openProperty().set(false));
        HBox titleRow = new HBox(6, title, spacer, close);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        // The tools get a row of their own, so that none is cut to "…" when the panel is narrow.
        FlowPane tools = new FlowPane(6, 4, heat,
                probeButton(probe, "Cut the thinking after each step and ask for the answer (runs the model)"),
                probeButton(importance, "Resample continuations before and after each step and see which steps moved"
                        + " the model towards its answer (runs the model; its cost is shown first)"));
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, titleRow, tools);
        header.getStyleClass().add("inspector-header");
        return header;
    }

    /**
     * {@code button} disabled while the probes cannot run, in a holder whose tooltip says what it does or why it
     * cannot run now (a disabled button shows no tooltip of its own).
     */
    private Region probeButton(Button button, String does) {
        if (!button.disableProperty().isBound()) button.disableProperty().bind(vm.canProbeProperty().not());
        HBox holder = new HBox(button);
        holder.getStyleClass().add("probe-button-holder");
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.textProperty().bind(Bindings.createStringBinding(
                () -> vm.probeUnavailableProperty().get().isEmpty() ? does : vm.probeUnavailableProperty().get(),
                vm.probeUnavailableProperty()));
        Tooltip.install(holder, tip);
        return holder;
    }

    private Label originLabel() {
        Label origin = new Label();
        origin.getStyleClass().add("inspector-origin");
        origin.textProperty().bind(vm.originLabelProperty());
        origin.visibleProperty().bind(origin.textProperty().isNotEmpty());
        origin.managedProperty().bind(origin.visibleProperty());
        return origin;
    }

    /** Where the shown version branched off, and "Compare…" while the response has more than one version. */
    private HBox versionRow() {
        Label origin = originLabel();
        origin.setWrapText(true);
        HBox.setHgrow(origin, Priority.ALWAYS);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button compare = AssistantMessageView.action("Compare…", "inspector-compare", vm::openCompare);
        compare.setMinWidth(Region.USE_PREF_SIZE);
        compare.visibleProperty().bind(vm.canCompareProperty());
        compare.managedProperty().bind(compare.visibleProperty());
        compare.setTooltip(new Tooltip("Two versions of this response side by side: where they part, and whether "
                + "their answers agree"));
        HBox row = new HBox(6, origin, spacer, compare);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(origin.visibleProperty().or(compare.visibleProperty()));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private static FlowPane legend() {
        FlowPane legend = new FlowPane(8, 2);
        legend.getStyleClass().add("inspector-legend");
        for (StepTag tag : StepTag.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("legend-swatch", "tag-" + tag.jsonName());
            Label name = new Label(tag.jsonName(), swatch);
            name.getStyleClass().add("legend-item");
            legend.getChildren().add(name);
        }
        return legend;
    }

    /** A probe's progress bar and its Cancel button, shown while {@code running}. */
    private HBox progressRow(ReadOnlyDoubleProperty progress, ReadOnlyBooleanProperty running, String cancelClass) {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(progress);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = AssistantMessageView.action("Cancel", cancelClass, vm::cancelProbe);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(6, bar, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(running);
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private VBox convergenceBox() {
        HBox running = progressRow(vm.probeProgressProperty(), vm.convergingProperty(), "inspector-probe-cancel");
        Label summary = new Label();
        summary.getStyleClass().add("convergence-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.convergenceTextProperty());
        chart.visibleProperty().bind(vm.convergenceProperty().isNotNull());
        chart.managedProperty().bind(chart.visibleProperty());
        vm.convergenceProperty().addListener((obs, old, c) -> chart.show(c));
        VBox box = new VBox(4, running, chart, summary);
        box.getStyleClass().add("convergence-box");
        box.visibleProperty().bind(vm.convergenceTextProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private VBox importanceBox() {
        Label cost = new Label();
        cost.getStyleClass().add("importance-cost");
        cost.setWrapText(true);
        cost.textProperty().bind(Bindings.createStringBinding(
                () -> vm.importancePlanProperty().get() == null ? "" : vm.importancePlanProperty().get().describe(),
                vm.importancePlanProperty()));
        cost.setMaxWidth(Double.MAX_VALUE);
        // while another probe holds the model, the plan waits for it
        Label waiting = AssistantMessageView.shownWhenNotEmpty(vm.importanceWaitingProperty(), "importance-waiting");
        waiting.setMaxWidth(Double.MAX_VALUE);
        VBox said = new VBox(4, cost, waiting);
        HBox.setHgrow(said, Priority.ALWAYS);
        Button start = AssistantMessageView.action("Start", "importance-start", vm::startImportance);
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.canProbeProperty().not());
        Button dismiss = AssistantMessageView.action("Not now", "importance-dismiss", vm::dismissImportancePlan);
        start.setMaxWidth(Double.MAX_VALUE);
        dismiss.setMaxWidth(Double.MAX_VALUE);
        VBox buttons = new VBox(4, start, dismiss);
        buttons.setMinWidth(Region.USE_PREF_SIZE); // the text wraps, the buttons keep their words
        HBox confirm = new HBox(6, said, buttons);
        confirm.getStyleClass().add("importance-confirm");
        confirm.setAlignment(Pos.CENTER_LEFT);
        confirm.visibleProperty().bind(vm.importancePlanProperty().isNotNull());
        confirm.managedProperty().bind(confirm.visibleProperty());

        HBox running = progressRow(vm.importanceProgressProperty(), vm.resamplingProperty(), "importance-cancel");

        Label key = new Label("Bars up: the step moved the model towards its answer; down: away from it."
                + " Hover or click a bar for its answers.");
        key.getStyleClass().add("importance-key");
        key.setWrapText(true);
        VBox drawn = new VBox(2, importanceChart, key);
        drawn.visibleProperty().bind(vm.importanceProperty().isNotNull());
        drawn.managedProperty().bind(drawn.visibleProperty());
        Label summary = AssistantMessageView.shownWhenNotEmpty(vm.importanceTextProperty(), "importance-summary");
        Label detail = AssistantMessageView.shownWhenNotEmpty(vm.importanceDetailProperty(), "importance-detail");
        VBox box = new VBox(4, confirm, running, drawn, summary, detail);
        box.getStyleClass().add("importance-box");
        box.visibleProperty().bind(vm.importancePlanProperty().isNotNull().or(vm.importanceTextProperty().isNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void showImportance() {
        importanceChart.show(vm.importanceProperty().get() == null ? 0 : vm.inspectionProperty().get().steps().size(),
                vm::resamplingOf, vm::describeImportance);
        stepList.refresh();
    }

    // ---- text, outline, lists --------------------------------------------------------------------------

    private void showInspection(TraceInspection inspection) {
        showText();
        placeTokens();
        Set<Integer> inLoops = new HashSet<>();
        for (TraceLoop loop : inspection.loops()) {
            for (TraceLoop.Occurrence o : loop.occurrences()) inLoops.add(o.step());
        }
        boolean loopsChanged = !inLoops.equals(looping);
        looping = inLoops;
        outline.show(inspection.steps(), inLoops, shown.length());
        ListItems.update(stepList.getItems(), inspection.steps());
        if (loopsChanged) stepList.refresh(); // a kept row's loop flag may have changed
        stepsPane.setText("Steps (" + inspection.steps().size() + ")");
        loopsLabel.setVisible(!inspection.loops().isEmpty());
        loopsLabel.setText(inspection.loops().size() == 1 ? "↻ 1 passage repeats" : "↻ " + inspection.loops().size()
                + " passages repeat");
        ListItems.update(forkList.getItems(), inspection.forks());
        if (vm.importanceProperty().get() != null || !importanceChart.bars().isEmpty()) showImportance();
    }

    /** Shows the thinking and the answer: appends what a streaming response added, else replaces the text. */
    private void showText() {
        String thinking = vm.thinkingProperty().get();
        String answer = vm.answerProperty().get();
        String full = answer.isEmpty() ? thinking : thinking + ANSWER_SEPARATOR + answer;
        if (full.length() > shown.length() && full.startsWith(shown) && !shown.isEmpty()) {
            text.append(full.substring(shown.length()));
        } else if (!full.equals(shown)) {
            text.replace(full);
        }
        shown = full;
    }

    /** Places a stored response's tokens in the text and shades them (once per response and text, not per analysis). */
    private void placeTokens() {
        TraceTokens tokens = vm.tokensProperty().get();
        if (tokens == null) {
            // A streaming response: its tokens are shaded as they arrive (see shade).
            if (placement != TokenPlacement.NONE) {
                placement = TokenPlacement.NONE;
                applyHeat();
                markFocusedToken();
            }
            placedTokens = null;
            return;
        }
        if (tokens == placedTokens && shown.length() == placedLength) return;
        placedTokens = tokens;
        placedLength = shown.length();
        // Placed by the view-model (off the FX thread for the response that just streamed).
        placement = vm.placementProperty().get();
        applyHeat();
        markFocusedToken();
    }

    /** Marks the token whose details are shown in the text, as the current match of a search is marked. */
    private void markFocusedToken() {
        int token = vm.focusedTokenProperty().get();
        if (token >= 0 && token < placement.size() && placement.from(token) >= 0) {
            text.showMarks(List.of(new int[] {placement.from(token), placement.to(token)}), 0);
        } else {
            text.showMarks(List.of(), -1);
        }
    }

    /** Draws the heat of the whole text (or none); only the paragraphs whose characters' shades change are redrawn. */
    private void applyHeat() {
        int length = text.length();
        if (length == 0) return;
        if (!vm.heatProperty().get() || placement == TokenPlacement.NONE) {
            byte[] none = new byte[length];
            java.util.Arrays.fill(none, HeatScale.NONE);
            text.paintHeat(none);
            return;
        }
        text.paintHeat(placement.heatBins(length));
    }

    /** Shades the runs of a streaming response's newly placed tokens (one batch a frame). */
    private void shade(List<LiveHeat.Run> runs) {
        if (!vm.heatProperty().get() || placedTokens != null) return;
        int length = text.length();
        int at = runs.getFirst().from();
        for (LiveHeat.Run run : runs) {
            if (run.from() < at || run.to() > length) continue;
            text.paintHeat(run.from(), run.to(), (byte) run.bin());
            at = run.to();
        }
    }

    private void showTokenDetails(int index) {
        tokenDetails.setVisible(index >= 0);
        if (index < 0) {
            tokenDetails.getChildren().clear();
            return;
        }
        TraceTokens tokens = vm.tokensProperty().get();
        Label what = new Label(InspectorViewModel.describe(index, tokens.get(index)).lines().findFirst().orElse(""));
        what.getStyleClass().add("token-summary");
        what.setWrapText(true);
        tokenDetails.getChildren().setAll(what);
        for (TokenAlternative alt : vm.alternativesOf(index)) {
            Button go = AssistantMessageView.action(AlternativeRow.LONG_TEXT, "branch-alternative",
                    () -> vm.branchAt(index, alt));
            go.setDisable(!vm.canBranchProperty().get());
            tokenDetails.getChildren().add(new AlternativeRow(alt, go,
                    explained(go, "Branch: a new version that takes this token here")));
        }
    }

    /**
     * A branching control in a holder that carries its tooltip: the usual text, or why branching is unavailable for
     * the shown response (it needs the local model, or the window is read-only); a disabled control gets no mouse
     * events, so the tooltip sits on the holder.
     */
    private javafx.scene.layout.StackPane explained(javafx.scene.control.Control control, String usual) {
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.textProperty().bind(javafx.beans.binding.Bindings.when(vm.branchUnavailableProperty().isEmpty())
                .then(usual).otherwise(vm.branchUnavailableProperty()));
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(control);
        holder.getStyleClass().add("explained");
        Tooltip.install(holder, tip);
        return holder;
    }

    private void editSelectedStep() {
        TraceStep step = stepList.getSelectionModel().getSelectedItem();
        if (step == null) return;
        new StepEditDialog(getScene().getWindow(), step).ask().ifPresent(text -> vm.editStep(step.index(), text));
    }

    private void scrollToStep(int index) {
        List<TraceStep> steps = vm.inspectionProperty().get().steps();
        if (index < 0 || index >= steps.size()) return;
        scrollToChar(steps.get(index).chars().from());
    }

    private void scrollToToken(int token) {
        if (token < placement.size() && placement.from(token) >= 0) scrollToChar(placement.from(token));
    }

    private void scrollToChar(int charIndex) {
        text.showAtTop(charIndex);
    }

    /** The trace's text view (for tests). */
    TraceTextView textView() {
        return text;
    }

    OutlineStrip outline() {
        return outline;
    }

    /** The compare window, once opened (for tests). */
    CompareWindow compareWindow() {
        return compareWindow;
    }

    ConvergenceChart chart() {
        return chart;
    }

    ImportanceChart importanceChart() {
        return importanceChart;
    }

    /** Where token {@code index} lies in the shown text, or null when it is not shown (for tests). */
    int[] charsOf(int index) {
        return index < placement.size() && placement.from(index) >= 0
                ? new int[] {placement.from(index), placement.to(index)} : null;
    }
}

package org.thinktrace.ui;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.InspectorLayout;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.ProbeResults;
import org.thinktrace.chat.StepResampling;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.TokenAlternative;
import org.thinktrace.inspect.AnswerExtractor;
import org.thinktrace.chat.Convergence;
import org.thinktrace.inspect.ConvergenceProbe;
import org.thinktrace.inspect.InspectedResponse;
import org.thinktrace.inspect.InspectedToken;
import org.thinktrace.inspect.Span;
import org.thinktrace.inspect.StepImportance.StepRange;
import org.thinktrace.inspect.TokenAlignment;
import org.thinktrace.inspect.TraceInspection;
import org.thinktrace.inspect.TraceInspector;
import org.thinktrace.inspect.TraceStep;
import org.thinktrace.inspect.TraceTokens;

/**
 * The inspector side panel's state: which response it shows, the text analysis of that response (steps, tags,
 * loops, forks), the confidence heat switch, the token in focus, branching from an alternative token, the
 * "When did it know?" convergence probes, and step importance by resampling.
 *
 * <p>Threading: everything runs on the FX thread except the probes, which run on the model thread through
 * {@link Generator#probe} (one at a time, never beside a generation) and come back through the {@code ui} executor.
 * While a response streams, its text and heat follow it every frame, and the text analysis is re-run on the
 * {@code analysis} executor at most every {@link #LIVE_INTERVAL_NANOS} (one at a time, never per token), its result
 * shown on the FX thread.
 */
public final class InspectorViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(InspectorViewModel.class);

    /** The shortest time between two analyses of a streaming response. */
    static final long LIVE_INTERVAL_NANOS = 250_000_000L;

    /**
     * What the inspector shows: one response of the open conversation.
     *
     * @param messageId    the assistant message
     * @param question     the user message it answers
     * @param versionIndex the shown version (0-based) and how many versions the message has
     * @param versions     how many versions the message has
     * @param version      the stored version; null while it streams
     * @param live         the streaming response's view-model while it streams, else null
     * @param last         the message is the conversation's last (only the last one can be branched)
     * @param turns        the conversation before the response, as the model saw it (for the probes)
     * @param allVersions  every stored version of the message, oldest first (for comparing two of them)
     */
    record Subject(String messageId, String question, int versionIndex, int versions, AssistantVersion version,
                   AssistantMessageViewModel live, boolean last, List<ChatTurn> turns,
                   List<AssistantVersion> allVersions) {
    }

    /** Starts a new version of a response from inside one of its versions. */
    @FunctionalInterface
    interface Brancher {
        void branch(String messageId, BranchOrigin origin, Continuation.Insert insert);
    }

    /** Keeps probe results with a version of a response in the conversation it belongs to. */
    @FunctionalInterface
    interface ProbeSaver {
        /**
         * A sink bound now to the conversation that holds {@code messageId}, so results that arrive after the user
         * moved to another conversation still land in the right one.
         */
        Consumer<UnaryOperator<ProbeResults>> savingTo(String messageId, int versionIndex);
    }

    private final Brancher brancher;
    private final ProbeSaver probeSaver;
    private final Supplier<Generator> localModel;
    private final java.util.function.Function<Subject, String> needsLocalModel;
    /** Whether this window may write its data folder: only then can a branch add a version, and are results saved. */
    private final BooleanSupplier writable;
    /** Probe results found in this window that could not be saved (a read-only window), by identity. */
    private final java.util.Set<Object> unsaved = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Counts the versions shown: a probe's results are shown only while the version it started on still is. */
    private int versionsShown;
    /**
     * The tokens and model {@link #tokensReadByLoadedModel} checked last, and what it found; the model is held weakly,
     * so that a model closed and let go is not kept alive for this.
     */
    private TraceTokens checkedTokens;
    private WeakReference<Generator> checkedModel = new WeakReference<>(null);
    private boolean tokensReadByModel;
    private final BooleanSupplier modelIdle;
    private final Executor ui;
    private final Executor analysis;
    private final Consumer<InspectorLayout> layoutSaver;

    private final BooleanProperty open = new SimpleBooleanProperty();
    private final DoubleProperty width = new SimpleDoubleProperty(InspectorLayout.DEFAULT_WIDTH);
    private final BooleanProperty heat = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No response selected");
    private final ReadOnlyStringWrapper originLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper thinking = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TraceInspection> inspection = new ReadOnlyObjectWrapper<>(
            new TraceInspection(List.of(), List.of(), List.of(), null));
    private final ReadOnlyObjectWrapper<TraceTokens> tokens = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TokenPlacement> placement = new ReadOnlyObjectWrapper<>(TokenPlacement.NONE);
    private final ReadOnlyIntegerWrapper focusedToken = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canBranch = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canProbe = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper probeUnavailable = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper localModelNeeded = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper branchUnavailable = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper probing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper converging = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper probeProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<Convergence> convergence = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper convergenceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ImportancePlan> importancePlan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper importanceWaiting = new ReadOnlyStringWrapper("");
    private java.util.function.LongSupplier clock = System::nanoTime;
    /** Times the probe started last, for its progress text. */
    private TimeLeft timeLeft;
    /**
     * How the last resampling run went, and on which model (estimates are kept for that model only; held weakly, so
     * that a closed model is not kept alive for this).
     */
    private ResamplingPace lastPace;
    private WeakReference<Generator> pacedModel = new WeakReference<>(null);
    private final ReadOnlyBooleanWrapper resampling = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper importanceProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<Importance> importance = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper importanceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper importanceDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canCompare = new ReadOnlyBooleanWrapper();
    private final CompareViewModel compare;

    private Subject subject;
    private Generator.Probe<?> probe;
    private ImportanceSettings importanceSettings = ImportanceSettings.DEFAULT;
    private long lastLiveAnalysis;
    private boolean liveForced;
    private boolean liveAnalysing;
    private boolean stale;
    /** The shown response's tokens could not be placed in its text (a fault, logged), so it is shown without them. */
    private boolean tokensUnplaced;
    private String analysedThinking = "";
    private String analysedAnswer = "";
    private LiveHeat liveHeat;
    private AssistantMessageViewModel liveHeatOf;
    private Consumer<List<LiveHeat.Run>> liveHeatListener = runs -> { };

    /**
     * @param brancher       starts a branch (the main view-model's generation path)
     * @param probeSaver     keeps finished probe results with their response
     * @param localModel     the loaded model when it is local (the probes run on it), or null when there is none or
     *                       the model in use is a server
     * @param needsLocalModel why the probes and branching cannot run on a response (it came from a remote server,
     *                        or the model in use is one), or null when they can: the one place that says so
     * @param modelIdle      whether the model is loaded and idle (no generation running)
     * @param writable       whether this window may write its data folder (not a second window that only reads
     *                       it): branching adds versions, and probe results are saved with their response, only then
     * @param ui             runs on the FX thread
     * @param analysis       runs the analysis of a streaming response off the FX thread
     * @param layoutSaver    told the new layout whenever the panel is opened, closed or resized
     */
    InspectorViewModel(Brancher brancher, ProbeSaver probeSaver, Supplier<Generator> localModel,
                       java.util.function.Function<Subject, String> needsLocalModel, BooleanSupplier modelIdle,
                       BooleanSupplier writable, Executor ui, Executor analysis, InspectorLayout layout,
                       Consumer<InspectorLayout> layoutSaver) {
        this.brancher = brancher;
        this.probeSaver = probeSaver;
        this.localModel = localModel;
        this.needsLocalModel = needsLocalModel;
        this.modelIdle = modelIdle;
        this.writable = writable;
        this.ui = ui;
        this.analysis = analysis;
        this.compare = new CompareViewModel(analysis, ui);
        this.layoutSaver = layoutSaver;
        open.set(layout.open());
        width.set(layout.width());
        open.addListener((obs, was, now) -> {
            if (now && stale) load(subject, false);
            saveLayout();
        });
        width.addListener((obs, was, now) -> saveLayout());
        heat.addListener((obs, was, now) -> liveHeat = null);
    }

    private void saveLayout() {
        layoutSaver.accept(new InspectorLayout(open.get(), InspectorLayout.DEFAULT_WIDTH).withWidth(width.get()));
    }

    /** Shows {@code next} (or nothing when null); a probe of the previous response is cancelled. */
    void show(Subject next) {
        // The response that streamed has been stored: its text stays, its tokens and analysis come in the background.
        boolean finished = subject != null && subject.live() != null && next != null && next.live() == null
                && next.version() != null && subject.messageId().equals(next.messageId());
        boolean sameVersion = subject != null && next != null && subject.messageId().equals(next.messageId())
                && subject.versionIndex() == next.versionIndex() && subject.versions() == next.versions();
        subject = next;
        if (!sameVersion) {
            versionsShown++;
            cancelProbe();
            convergence.set(null);
            convergenceText.set("");
            importancePlan.set(null);
            importance.set(null);
            importanceText.set("");
            importanceDetail.set("");
            focusedToken.set(-1);
            hoverText.set("");
            showSavedProbes(next);
        }
        stale = !open.get();
        if (!stale) load(next, finished);
    }

    /** Shows the probe results kept with the subject's version, as if the probes had just finished. */
    private void showSavedProbes(Subject next) {
        if (next == null || next.version() == null) return;
        ProbeResults kept = next.version().probes();
        Convergence saved = kept.convergence();
        if (saved != null) {
            convergence.set(saved);
            convergenceText.set(keptNote(saved, saved.summary(saved.steps().size())));
        }
        Importance savedImportance = kept.importance();
        if (savedImportance != null) {
            importance.set(savedImportance);
            importanceText.set(keptNote(savedImportance,
                    ImportanceTexts.summary(savedImportance, savedImportance.steps().size())));
        }
    }

    /** The note added to a probe result's summary where it lives in memory only. */
    static final String NOT_SAVED = "Not saved: this window is read-only.";
    /** Why branching is unavailable in a window that only reads its data folder. */
    static final String READ_ONLY_BRANCH = "This window is read-only (another ThinkTrace uses its data folder), so it"
            + " cannot add a version.";

    /** Keeps a complete probe {@code result} with its response through {@code save}; in memory only when read-only. */
    private void keep(Object result, Consumer<UnaryOperator<ProbeResults>> save, UnaryOperator<ProbeResults> update) {
        save.accept(update);
        if (!writable.getAsBoolean()) unsaved.add(result);
    }

    /** {@code summary}, saying so where {@code result} was found in this read-only window and is not saved. */
    private String keptNote(Object result, String summary) {
        return unsaved.contains(result) ? summary + " " + NOT_SAVED : summary;
    }

    /**
     * Shows {@code next}'s title, tokens and analysis (only while the panel is open: a closed panel costs nothing).
     * With {@code inBackground}, a stored response's tokens are placed and its analysis made on the {@code analysis}
     * executor, and shown on the FX thread when done (the response that just streamed: its text is already shown).
     */
    private void load(Subject next, boolean inBackground) {
        stale = false;
        tokensUnplaced = false;
        if (next == null) {
            title.set("No response selected");
            originLabel.set("");
            placement.set(TokenPlacement.NONE);
            tokens.set(null);
            analyse("", "", null, "");
            refreshAbilities();
            return;
        }
        String versionText = next.versions() > 1 ? " · version " + (next.versionIndex() + 1) + "/" + next.versions() : "";
        title.set((next.live() != null ? "Streaming response" : "Response") + versionText);
        AssistantVersion v = next.version();
        originLabel.set(v == null || v.origin() == null ? "" : v.origin().label());
        if (v != null && inBackground) {
            loadInBackground(next, v);
        } else if (v != null) {
            showStored(stored(next.question(), v));
        } else {
            placement.set(TokenPlacement.NONE);
            tokens.set(null);
            liveForced = true;
            analyseLive(lastLiveAnalysis);
        }
        refreshAbilities();
    }

    /**
     * A stored response's tokens, where they lie in the inspector's text, and its analysis.
     *
     * @param unplaced its tokens could not be placed in its text (a fault, logged): it is shown without them
     */
    private record Stored(AssistantVersion version, TraceTokens tokens, TokenPlacement placement,
                          TraceInspection inspection, boolean unplaced) {
    }

    /**
     * Places and analyses a stored response (off the FX thread when called from {@link #loadInBackground}); tokens
     * that cannot be placed are logged and left out, and the response is analysed from its text.
     */
    private static Stored stored(String question, AssistantVersion v) {
        TraceTokens t;
        TokenPlacement placed;
        try {
            t = InspectedResponse.of(question, v).tokens();
            placed = t == null ? TokenPlacement.NONE : TokenPlacement.of(t, v.thinking(), v.answer(),
                    v.thinking().length() + InspectorView.ANSWER_SEPARATOR.length());
        } catch (RuntimeException e) {
            LOG.error("the inspector could not place the tokens of a response", e);
            return new Stored(v, null, TokenPlacement.NONE, inspect(v.thinking(), v.answer(), null, question), true);
        }
        return new Stored(v, t, placed, inspect(v.thinking(), v.answer(), t, question), false);
    }

    private void showStored(Stored s) {
        tokensUnplaced = s.unplaced();
        analysedThinking = s.version().thinking();
        analysedAnswer = s.version().answer();
        thinking.set(s.version().thinking());
        answer.set(s.version().answer());
        placement.set(s.placement());
        tokens.set(s.tokens());
        inspection.set(s.inspection());
    }

    /**
     * Places and analyses {@code next}'s stored version on the {@code analysis} executor and shows it on the FX
     * thread, unless the inspector moved on meanwhile; until then the streamed text, heat and analysis stay.
     */
    private void loadInBackground(Subject next, AssistantVersion v) {
        String question = next.question();
        CompletableFuture.supplyAsync(() -> stored(question, v), analysis)
                .whenComplete((result, failure) -> ui.execute(() -> {
                    if (subject != next) return;
                    if (failure != null) { // the streamed text and its analysis stay, without tokens
                        LOG.error("the inspector could not place the tokens of a finished response", failure);
                        tokensUnplaced = true;
                        refreshAbilities();
                        return;
                    }
                    showStored(result);
                    refreshAbilities();
                }));
    }

    /**
     * Called once per frame: shows a streaming response's new text, shades its new tokens when the heat is on, and
     * re-analyses it (steps, outline) a few times a second.
     */
    void onFrame(long nowNanos) {
        if (!open.get()) return;
        if (subject != null && subject.live() != null) {
            thinking.set(subject.live().thinkingProperty().get());
            answer.set(subject.live().answerProperty().get());
            analyseLive(nowNanos);
            shadeLive(subject.live());
        }
        refreshAbilities();
    }

    /** Places the tokens that arrived since the last frame and tells the view their heat, in one batch. */
    private void shadeLive(AssistantMessageViewModel live) {
        if (!heat.get()) return;
        if (liveHeat == null || liveHeatOf != live) {
            liveHeat = new LiveHeat();
            liveHeatOf = live;
        }
        List<LiveHeat.Run> runs = liveHeat.advance(live.liveTokens(), thinking.get(), answer.get());
        if (!runs.isEmpty()) liveHeatListener.accept(runs);
    }

    /**
     * Calls {@code listener} on the FX thread, at most once a frame while a response streams with the heat on, with
     * the shaded runs of the tokens placed since the last call (all of them again after the heat is switched on).
     */
    void onLiveHeat(Consumer<List<LiveHeat.Run>> listener) {
        liveHeatListener = listener;
    }

    /**
     * Starts an analysis of the streaming response's text on the {@code analysis} executor (one at a time) and shows
     * its result on the FX thread, unless the inspector moved on meanwhile.
     */
    private void analyseLive(long nowNanos) {
        AssistantMessageViewModel live = subject.live();
        String t = live.thinkingProperty().get();
        String a = live.answerProperty().get();
        if (liveAnalysing || !liveForced && (nowNanos - lastLiveAnalysis < LIVE_INTERVAL_NANOS
                || t.equals(analysedThinking) && a.equals(analysedAnswer))) return;
        liveForced = false;
        lastLiveAnalysis = nowNanos;
        liveAnalysing = true;
        analysedThinking = t;
        analysedAnswer = a;
        String question = subject.question();
        CompletableFuture.supplyAsync(() -> inspect(t, a, null, question), analysis)
                .whenComplete((result, failure) -> ui.execute(() -> {
                    liveAnalysing = false;
                    if (failure != null) LOG.error("the inspector could not analyse a streaming response", failure);
                    if (result != null && subject != null && subject.live() == live) inspection.set(result);
                }));
    }

    private static TraceInspection inspect(String thinkingText, String answerText, TraceTokens traceTokens,
                                           String question) {
        try {
            return TraceInspector.inspect(new InspectedResponse(question, thinkingText, answerText, traceTokens));
        } catch (RuntimeException e) {
            LOG.error("the inspector could not analyse a response", e);
            return new TraceInspection(List.of(), List.of(), List.of(), null);
        }
    }

    private void analyse(String thinkingText, String answerText, TraceTokens traceTokens, String question) {
        analysedThinking = thinkingText;
        analysedAnswer = answerText;
        TraceInspection result = inspect(thinkingText, answerText, traceTokens, question);
        thinking.set(thinkingText);
        answer.set(answerText);
        inspection.set(result);
    }

    /**
     * Branching and the convergence probe need a stored response and the local model idle; a response that came
     * from a remote server (or any response while the model in use is a server) cannot be probed or branched, and
     * {@link #localModelNeededProperty()} says why, so the controls show as disabled with that reason.
     */
    private void refreshAbilities() {
        boolean stored = subject != null && subject.version() != null && tokens.get() != null;
        String reason = subject == null ? null : needsLocalModel.apply(subject);
        if (reason == null && stored && !tokensReadByLoadedModel()) {
            ModelIdentity writer = subject.version().model();
            reason = "needs the model that wrote it" + (writer == null ? "" : " (" + writer.name() + ")")
                    + ": the loaded model's tokenizer reads its tokens differently";
        }
        localModelNeeded.set(reason == null ? "" : reason);
        branchUnavailable.set(reason != null ? reason : writable.getAsBoolean() ? "" : READ_ONLY_BRANCH);
        canBranch.set(stored && reason == null && subject.last() && modelIdle.getAsBoolean() && !probing.get()
                && writable.getAsBoolean());
        probeUnavailable.set(reason != null && stored ? reason : whyNoProbe());
        canProbe.set(probeUnavailable.get().isEmpty());
        importanceWaiting.set(canProbe.get() ? "" : converging.get()
                ? "Start is available once “When did it know?” ends."
                : probeUnavailable.get() + " Start is available once the probes can run.");
        canCompare.set(subject != null && subject.version() != null && subject.allVersions().size() > 1);
    }

    /**
     * Whether the shown response's recorded token ids are the loaded model's own: each within its vocabulary and
     * read as the recorded text (checked on up to {@link #TOKENS_CHECKED} tokens spread over the trace, once per
     * response and model). A response written by a model with another tokenizer is not, and its ids must not be fed
     * to this one; true when there is no local model or no tokens (other reasons then apply).
     */
    private boolean tokensReadByLoadedModel() {
        TraceTokens t = tokens.get();
        Generator model = localModel.get();
        if (t == null || model == null) return true;
        if (t != checkedTokens || model != checkedModel.get()) {
            checkedTokens = t;
            checkedModel = new WeakReference<>(model);
            boolean reads = true;
            int checked = Math.min(t.size(), TOKENS_CHECKED);
            for (int k = 0; k < checked && reads; k++) {
                int i = (int) ((long) k * t.size() / checked); // evenly spread, the first token included
                reads = model.readsAs(t.get(i).id(), t.get(i).text());
            }
            tokensReadByModel = reads;
        }
        return tokensReadByModel;
    }

    /** The most tokens {@link #tokensReadByLoadedModel} checks. */
    static final int TOKENS_CHECKED = 512;

    /** Why the probes cannot run on the shown response now, or empty when they can. */
    private String whyNoProbe() {
        if (subject == null) return "Select a response to probe it.";
        if (subject.version() == null) return "Wait until the response has finished.";
        if (tokens.get() == null) return tokensUnplaced
                ? "The tokens of this response could not be placed in its text (see the log), so it cannot be probed."
                : "This response was kept without its tokens, so it cannot be probed.";
        if (inspection.get().steps().isEmpty()) return "This response has no thinking steps to probe.";
        if (localModel.get() == null) return "No model is loaded: the probes run a local model.";
        if (!modelIdle.getAsBoolean()) return "Not while the model is generating.";
        if (probing.get()) return "A probe is running.";
        return "";
    }

    // ---- compare -----------------------------------------------------------------------------------------

    /**
     * Opens the compare view on two versions of the shown response: the shown version and the one it branched
     * from, else the one before it (see {@link CompareViewModel#defaultPair}).
     */
    void openCompare() {
        refreshAbilities();
        if (!canCompare.get()) return;
        int[] pair = CompareViewModel.defaultPair(subject.allVersions(), subject.versionIndex());
        compare.show(subject.messageId(), subject.question(), subject.allVersions(), pair[0], pair[1]);
    }

    /** The compare view's state. */
    public CompareViewModel compare() {
        return compare;
    }

    /** Whether the shown response has another stored version to compare it with. */
    public ReadOnlyBooleanProperty canCompareProperty() {
        return canCompare.getReadOnlyProperty();
    }

    // ---- tokens: focus, hover, branch ------------------------------------------------------------------

    /** Puts token {@code index} in focus (its alternatives are offered for branching); −1 for none. */
    void focus(int index) {
        TraceTokens t = tokens.get();
        focusedToken.set(t != null && index >= 0 && index < t.size() ? index : -1);
    }

    /** Describes token {@code index} for the hover tip: probability, entropy and the top alternatives. */
    void hover(int index) {
        TraceTokens t = tokens.get();
        hoverText.set(t == null || index < 0 || index >= t.size() ? "" : describe(index, t.get(index)));
    }

    /** "Token 412 "Wait" · p 0.412 · entropy 1.83 nats" and one line per alternative. */
    static String describe(int index, InspectedToken token) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Token %d %s · p %.3f · entropy %s",
                index, quote(token.text()), token.p(),
                Float.isNaN(token.entropy()) ? "unknown" : String.format(Locale.ROOT, "%.2f nats", token.entropy())));
        List<TokenAlternative> alternatives = token.alternatives();
        for (int i = 0; i < Math.min(5, alternatives.size()); i++) {
            TokenAlternative alt = alternatives.get(i);
            out.append(String.format(Locale.ROOT, "%n  %s  %.3f", quote(alt.text()), alt.probability()));
        }
        return out.toString();
    }

    static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    /** The alternatives of token {@code index} other than the token itself, most likely first. */
    List<TokenAlternative> alternativesOf(int index) {
        TraceTokens t = tokens.get();
        if (t == null || index < 0 || index >= t.size()) return List.of();
        InspectedToken token = t.get(index);
        List<TokenAlternative> others = new ArrayList<>();
        for (TokenAlternative alt : token.alternatives()) if (alt.id() != token.id()) others.add(alt);
        return others;
    }

    /** Starts a new version that keeps the tokens before {@code index} and writes {@code alternative} there. */
    void branchAt(int index, TokenAlternative alternative) {
        if (!canBranch.get()) return;
        InspectedToken token = tokens.get().get(index);
        BranchOrigin origin = new BranchOrigin(subject.versionIndex(), index, token.text(), alternative.text(), false);
        brancher.branch(subject.messageId(), origin, new Continuation.Token(alternative.id()));
    }

    /**
     * Starts a new version, marked as edited by the user, that keeps the thinking tokens before step
     * {@code stepIndex}, puts {@code newText} in place of that step (after the whitespace that preceded it, and before
     * the whitespace that followed it: the model then starts its next step as it would have) and lets the model think
     * on from there.
     */
    void editStep(int stepIndex, String newText) {
        List<TraceStep> steps = inspection.get().steps();
        if (!canBranch.get() || stepIndex < 0 || stepIndex >= steps.size() || newText.isBlank()) return;
        TraceStep step = steps.get(stepIndex);
        if (step.tokens() == null) return;
        int keep = step.tokens().from();
        String thinkingText = thinking.get();
        Span first = TokenAlignment.align(thinkingText, tokens.get().thinkingTexts()).chars(keep);
        int keptEnd = first == null ? step.chars().from() : Math.min(first.from(), step.chars().from());
        String lead = thinkingText.substring(keptEnd, step.chars().from());
        String replaced = step.text();
        BranchOrigin origin = new BranchOrigin(subject.versionIndex(), keep, replaced, newText.strip(), true);
        brancher.branch(subject.messageId(), origin,
                new Continuation.Text(lead + newText.strip() + separatorAfter(thinkingText, step.chars())));
    }

    /**
     * The whitespace that ends the step at {@code chars} of {@code thinking} and follows it (its line break, say),
     * empty when none does.
     */
    static String separatorAfter(String thinking, Span chars) {
        int from = Math.min(chars.to(), thinking.length());
        while (from > chars.from() && Character.isWhitespace(thinking.charAt(from - 1))) from--;
        int to = Math.min(chars.to(), thinking.length());
        while (to < thinking.length() && Character.isWhitespace(thinking.charAt(to))) to++;
        return thinking.substring(from, to);
    }

    // ---- "When did it know?" ---------------------------------------------------------------------------

    /** Probes the interim answer after every step in the background; progress and result arrive on the FX thread. */
    void probeConvergence() {
        refreshAbilities();
        if (!canProbe.get()) return;
        Generator generator = localModel.get();
        Subject probed = subject;
        int shownAt = versionsShown;
        AssistantVersion v = probed.version();
        TraceTokens t = tokens.get();
        List<TraceStep> steps = inspection.get().steps();
        int thinkingCount = t.thinkingTokens();
        int[] thinkingIds = new int[thinkingCount];
        for (int i = 0; i < thinkingCount; i++) thinkingIds[i] = t.get(i).id();
        int[] boundaries = stepEnds(steps, thinkingCount);
        String finalAnswer = AnswerExtractor.extract(v.answer());
        List<ChatTurn> turns = probed.turns();
        Consumer<UnaryOperator<ProbeResults>> save = probeSaver.savingTo(probed.messageId(), probed.versionIndex());
        probing.set(true);
        converging.set(true);
        probeProgress.set(0);
        convergence.set(null);
        convergenceText.set("Probing step 1 of " + boundaries.length + "…");
        timeLeft = new TimeLeft(clock);
        refreshAbilities();
        Generator.Probe<Convergence> started;
        try {
            started = generator.probe(session -> new ConvergenceProbe(ConvergenceProbe.DEFAULT_ANSWER_TOKENS,
                    ConvergenceProbe.FIRST_LINE_ANSWER)
                    .run(session, session.codec().encodeConversation(turns).ids(), thinkingIds, boundaries,
                            finalAnswer, (done, total) -> ui.execute(() -> showProgress(shownAt, done, total))));
        } catch (RuntimeException e) {
            LOG.error("the convergence probes could not start", e);
            probing.set(false);
            converging.set(false);
            convergenceText.set("The probes could not start: " + e.getMessage());
            refreshAbilities();
            return;
        }
        probe = started;
        started.result().whenComplete((result, failure) -> ui.execute(() -> {
            if (failure == null && result.complete()) keep(result, save, kept -> kept.withConvergence(result));
            showConvergence(started, shownAt, result, failure, boundaries.length);
        }));
    }

    /** For each step, the number of thinking tokens up to its end (a step without tokens ends where the last did). */
    static int[] stepEnds(List<TraceStep> steps, int thinkingCount) {
        int[] ends = new int[steps.size()];
        int previous = 0;
        for (int i = 0; i < ends.length; i++) {
            TraceStep step = steps.get(i);
            int end = step.tokens() == null ? previous : Math.min(thinkingCount, Math.max(previous, step.tokens().to()));
            ends[i] = end;
            previous = end;
        }
        return ends;
    }

    private void showProgress(int shownAt, int done, int total) {
        if (shownAt != versionsShown || !converging.get()) return;
        probeProgress.set(done / (double) total);
        convergenceText.set(done < total ? "Probing step " + (done + 1) + " of " + total
                + timeLeft.suffix(done, total) + "…" : "Finishing…");
    }

    private void showConvergence(Generator.Probe<?> ended, int shownAt, Convergence result, Throwable failure,
                                 int stepCount) {
        endProbe(ended, converging);
        Throwable cause = causeOf(failure);
        if (shownAt != versionsShown) { // the user moved on (which cancelled the probe): nothing to show
            if (cause != null && !(cause instanceof CancellationException)) {
                LOG.error("the convergence probes failed", cause);
            }
            refreshAbilities();
            return;
        }
        if (cause instanceof CancellationException) {
            convergenceText.set("The probes were cancelled.");
        } else if (cause != null) {
            LOG.error("the convergence probes failed", cause);
            convergenceText.set("The probes failed: " + cause.getMessage());
        } else {
            convergence.set(result);
            convergenceText.set(keptNote(result, result.summary(stepCount)));
        }
        refreshAbilities();
    }

    private static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    }

    /**
     * The probe {@code ended} is over: unless another one runs by now, nothing is probing any more, whichever response
     * is shown (moving to another one cancels the probe, and its end must still free the model for sending).
     */
    private void endProbe(Generator.Probe<?> ended, ReadOnlyBooleanWrapper kind) {
        if (probe != ended) return;
        probe = null;
        probing.set(false);
        kind.set(false);
    }

    /** Stops the running probes; what they found so far is shown. */
    void cancelProbe() {
        if (probe != null) probe.cancel();
    }

    // ---- Importance ----------------------------------------------------------------------------------

    /** Resamples with {@code settings} from now on (tests use a tiny sample count). */
    /** The clock (nanoseconds) that times the probes for their "time left"; {@code System::nanoTime} unless told. */
    void useClock(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    void useImportanceSettings(ImportanceSettings settings) {
        importanceSettings = settings;
    }

    /**
     * Works out what resampling every step of the shown response would cost; the panel shows it for the user to
     * confirm ({@link #startImportance}) or dismiss. Nothing runs yet.
     */
    void planImportance() {
        refreshAbilities();
        if (!canProbe.get()) return;
        List<StepRange> ranges = stepRanges(inspection.get().steps(), tokens.get().thinkingTokens());
        if (ranges.isEmpty()) {
            importanceText.set("No step has thinking tokens to resample.");
            return;
        }
        GenerationStats stats = subject.version().stats();
        importancePlan.set(new ImportancePlan(ranges, importanceSettings,
                stats == null ? Double.NaN : stats.decodeTokensPerSecond(),
                pacedModel.get() == localModel.get() ? lastPace : null));
    }

    /** Forgets the plan the user did not confirm. */
    void dismissImportancePlan() {
        importancePlan.set(null);
    }

    /** Each step with thinking tokens, from the end of the step before it to its own end. */
    static List<StepRange> stepRanges(List<TraceStep> steps, int thinkingCount) {
        int[] ends = stepEnds(steps, thinkingCount);
        List<StepRange> ranges = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] > from) ranges.add(new StepRange(i, from, ends[i]));
            from = ends[i];
        }
        return ranges;
    }

    /**
     * Runs the confirmed plan on the model thread as one probe (no generation can start meanwhile); progress and
     * the result arrive on the FX thread. A complete result is kept with the response. While the probes cannot run
     * (another probe holds the model, a generation runs), nothing starts: the plan stays, and
     * {@link #importanceWaitingProperty()} says what it waits for.
     */
    void startImportance() {
        ImportancePlan plan = importancePlan.get();
        refreshAbilities();
        if (plan == null || !canProbe.get()) return; // the plan waits, and the panel says for what
        importancePlan.set(null);
        Generator generator = localModel.get();
        Subject probed = subject;
        int shownAt = versionsShown;
        AssistantVersion v = probed.version();
        var original = tokens.get().thinkingInfos();
        String finalAnswer = AnswerExtractor.extract(v.answer());
        Consumer<UnaryOperator<ProbeResults>> save = probeSaver.savingTo(probed.messageId(), probed.versionIndex());
        int planned = plan.steps().size();
        int perStep = plan.settings().continuationsPerStep();
        probing.set(true);
        resampling.set(true);
        importanceProgress.set(0);
        importance.set(null);
        importanceDetail.set("");
        importanceText.set("Resampling step 1 of " + planned + "…");
        TimeLeft timing = new TimeLeft(clock);
        timeLeft = timing;
        refreshAbilities();
        Generator.Probe<Importance> started;
        try {
            started = generator.probe(session -> plan.settings().resampler(session).run(probed.turns(), v.sampling(),
                    original, plan.steps(), finalAnswer,
                    (done, total) -> ui.execute(() -> showImportanceProgress(shownAt, done, total, perStep)),
                    session::cancelled));
        } catch (RuntimeException e) {
            LOG.error("step importance could not start", e);
            probing.set(false);
            resampling.set(false);
            importanceText.set("Importance could not start: " + e.getMessage());
            refreshAbilities();
            return;
        }
        probe = started;
        started.result().whenComplete((result, failure) -> ui.execute(() -> {
            if (failure == null && result.complete()) keep(result, save, kept -> kept.withImportance(result));
            if (failure == null) rememberPace(generator, ResamplingPace.of(result, plan.settings(), timing.elapsedNanos()));
            showImportance(started, shownAt, result, failure, planned);
        }));
    }

    /** Keeps how a resampling run on {@code model} went, for the next plan's estimate (nothing when null). */
    private void rememberPace(Generator model, ResamplingPace pace) {
        if (pace == null) return;
        pacedModel = new WeakReference<>(model);
        lastPace = pace;
    }

    private void showImportanceProgress(int shownAt, int done, int total, int perStep) {
        if (shownAt != versionsShown || !resampling.get()) return;
        importanceProgress.set(done / (double) total);
        int steps = total / perStep;
        importanceText.set(done < total ? "Resampling step " + (done / perStep + 1) + " of " + steps
                + " (continuation " + (done + 1) + " of " + total + ")" + timeLeft.suffix(done, total) + "…"
                : "Finishing…");
    }

    private void showImportance(Generator.Probe<?> ended, int shownAt, Importance result, Throwable failure,
                                int planned) {
        endProbe(ended, resampling);
        Throwable cause = causeOf(failure);
        if (shownAt != versionsShown) { // the user moved on (which cancelled the probe): nothing to show
            if (cause != null && !(cause instanceof CancellationException)) LOG.error("step importance failed", cause);
            refreshAbilities();
            return;
        }
        if (cause != null) {
            LOG.error("step importance failed", cause);
            importanceText.set("Importance failed: " + cause.getMessage());
        } else {
            importance.set(result);
            importanceText.set(keptNote(result, ImportanceTexts.summary(result, planned)));
        }
        refreshAbilities();
    }

    /** The resampling of step {@code index} in the shown result, or null when it was not resampled. */
    StepResampling resamplingOf(int index) {
        Importance shown = importance.get();
        if (shown == null) return null;
        for (StepResampling s : shown.steps()) if (s.step() == index) return s;
        return null;
    }

    /** Shows what resampling found at step {@code index} (its first words, shares and answers); −1 clears it. */
    void selectImportanceStep(int index) {
        importanceDetail.set(describeImportance(index));
    }

    /** One step's resampling as the panel describes it, or empty when the step was not resampled. */
    String describeImportance(int index) {
        StepResampling s = resamplingOf(index);
        List<TraceStep> steps = inspection.get().steps();
        if (s == null || index >= steps.size()) return "";
        return ImportanceTexts.detail(s, StepWords.firstWords(steps.get(index).text()),
                AnswerExtractor.extract(answer.get()));
    }

    // ---- properties ------------------------------------------------------------------------------------

    /** Whether the panel is shown (remembered in the inspector layout). */
    public BooleanProperty openProperty() {
        return open;
    }

    /** The panel's width in pixels (remembered in the inspector layout). */
    public DoubleProperty widthProperty() {
        return width;
    }

    /** Whether tokens are shaded by surprisal. */
    public BooleanProperty heatProperty() {
        return heat;
    }

    /** "Response · version 2/3", or that no response is selected. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Where the shown version branched off another (e.g. {@code branched at token 412: "Wait" → "So"}), or empty. */
    public ReadOnlyStringProperty originLabelProperty() {
        return originLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty thinkingProperty() {
        return thinking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** The latest analysis of the shown response. */
    public ReadOnlyObjectProperty<TraceInspection> inspectionProperty() {
        return inspection.getReadOnlyProperty();
    }

    /** Where each of the shown version's tokens lies in the inspector's text ({@link TokenPlacement#NONE} while streaming). */
    ReadOnlyObjectProperty<TokenPlacement> placementProperty() {
        return placement.getReadOnlyProperty();
    }

    /** The shown version's tokens, or null (while streaming, or for a response saved without them). */
    public ReadOnlyObjectProperty<TraceTokens> tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    /** The token whose alternatives are offered, or −1. */
    public ReadOnlyIntegerProperty focusedTokenProperty() {
        return focusedToken.getReadOnlyProperty();
    }

    /** What the hover tip says about the token under the pointer. */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canBranchProperty() {
        return canBranch.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canProbeProperty() {
        return canProbe.getReadOnlyProperty();
    }

    /** Why the probes cannot run now (for the probe buttons' tooltips), or empty when they can. */
    public ReadOnlyStringProperty probeUnavailableProperty() {
        return probeUnavailable.getReadOnlyProperty();
    }

    /**
     * Why "When did it know?" and branching are unavailable for the shown response: "needs the local model: this
     * response came from http://…/v1"; empty when they are available or unavailable for an ordinary reason (busy).
     */
    public ReadOnlyStringProperty localModelNeededProperty() {
        return localModelNeeded.getReadOnlyProperty();
    }

    /**
     * Why "Continue with this instead" and "Edit step and continue…" are unavailable for the shown response: it
     * needs the local model (as {@link #localModelNeededProperty()}), or this window is read-only; empty otherwise
     * (they may still be disabled for a passing reason: a generation or a probe running).
     */
    public ReadOnlyStringProperty branchUnavailableProperty() {
        return branchUnavailable.getReadOnlyProperty();
    }

    /** Whether a probe (convergence or importance) holds the model. */
    public ReadOnlyBooleanProperty probingProperty() {
        return probing.getReadOnlyProperty();
    }

    /** Whether the convergence probes run. */
    public ReadOnlyBooleanProperty convergingProperty() {
        return converging.getReadOnlyProperty();
    }

    /** Share of the steps probed, 0 to 1. */
    public ReadOnlyDoubleProperty probeProgressProperty() {
        return probeProgress.getReadOnlyProperty();
    }

    /** The finished probes' result, or null. */
    public ReadOnlyObjectProperty<Convergence> convergenceProperty() {
        return convergence.getReadOnlyProperty();
    }

    /** The probes' progress, their summary sentence, or why they stopped. */
    public ReadOnlyStringProperty convergenceTextProperty() {
        return convergenceText.getReadOnlyProperty();
    }

    /** The cost of "Importance" awaiting the user's confirmation, or null. */
    public ReadOnlyObjectProperty<ImportancePlan> importancePlanProperty() {
        return importancePlan.getReadOnlyProperty();
    }

    /**
     * Why the plan cannot start now ("When did it know?" runs, a generation runs, …): it then stays on screen until
     * the user can press Start; empty when it can start.
     */
    public ReadOnlyStringProperty importanceWaitingProperty() {
        return importanceWaiting.getReadOnlyProperty();
    }

    /** Whether step importance runs. */
    public ReadOnlyBooleanProperty resamplingProperty() {
        return resampling.getReadOnlyProperty();
    }

    /** Share of the continuations run, 0 to 1. */
    public ReadOnlyDoubleProperty importanceProgressProperty() {
        return importanceProgress.getReadOnlyProperty();
    }

    /** The shown step importance (finished, cancelled part-way, or kept with the response), or null. */
    public ReadOnlyObjectProperty<Importance> importanceProperty() {
        return importance.getReadOnlyProperty();
    }

    /** Importance's progress, its summary, or why it stopped. */
    public ReadOnlyStringProperty importanceTextProperty() {
        return importanceText.getReadOnlyProperty();
    }

    /** The selected step's resampling: first words, shares before and after, answers. */
    public ReadOnlyStringProperty importanceDetailProperty() {
        return importanceDetail.getReadOnlyProperty();
    }
}

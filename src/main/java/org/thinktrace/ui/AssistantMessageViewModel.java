package org.thinktrace.ui;

import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;

/**
 * An assistant response in the transcript: its thinking (with the pane's header and open state), its answer,
 * its versions and its figures.
 *
 * <p>A streaming response takes generator events from any thread through its event queue; they wait in a
 * queue until the FX thread calls {@link #drain} once per frame, so the properties change at most once per
 * frame however fast tokens come. A frame takes at most {@link #FRAME_CHARACTERS} characters of new text (the
 * rest waits for the next frames), so that a frame's work (appending, shading and laying out the new text) stays
 * bounded even when a source outruns the screen. All properties are changed on the FX thread only (or on the test
 * thread when no FX thread exists).
 */
public final class AssistantMessageViewModel implements MessageViewModel {

    /**
     * The most characters of new thinking and answer text one frame applies (unless a single delta is longer): about
     * 60,000 characters a second at 60 frames a second, far above any model's output (the bundled model's 800 tokens
     * a second are about 3,000), so the screen lags a source only when that source is faster still.
     */
    static final int FRAME_CHARACTERS = 1_024;

    private final String id;
    private final ReadOnlyStringWrapper thinking = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper thinkingHeader = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper thinkingCutShort = new ReadOnlyBooleanWrapper();
    private final BooleanProperty thinkingExpanded = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<ResponsePhase> phase = new ReadOnlyObjectWrapper<>(ResponsePhase.THINKING);
    private final ReadOnlyStringWrapper versionLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasPreviousVersion = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasNextVersion = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper last = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    private final Queue<GenerationEvent> pending;
    private final StringBuilder thinkingBuffer = new StringBuilder();
    private final StringBuilder answerBuffer = new StringBuilder();
    private final LiveTokens liveTokens = new LiveTokens();
    private final boolean autoCollapse;
    private long startNanos;
    private long thinkingEndNanos = -1;
    private int thinkingTokens;
    private int answerTokens;
    private long firstTokenNanos = -1;
    /** Tokens a branch replays at its start from the version it branched from: no model work, not in the rate. */
    private int replayedTokens;
    private int seenTokens;
    /** Tokens counted in the live rate, from the first one after the replayed ones. */
    private int decodedTokens;
    private long lastDrainNanos;

    private int promptTokens;

    private AssistantMessageViewModel(String id, boolean autoCollapse, Queue<GenerationEvent> pending) {
        this.id = id;
        this.autoCollapse = autoCollapse;
        this.pending = pending;
    }

    /**
     * A response being generated, started at {@code startNanos} (a {@link System#nanoTime()} reading).
     *
     * @param events where the generator's events arrive, from any thread
     */
    static AssistantMessageViewModel streaming(AssistantMessage message, long startNanos, boolean autoCollapse,
                                               Queue<GenerationEvent> events) {
        AssistantMessageViewModel vm = new AssistantMessageViewModel(message.id(), autoCollapse, events);
        vm.startNanos = startNanos;
        vm.lastDrainNanos = startNanos;
        BranchOrigin origin = message.current().origin();
        vm.replayedTokens = origin == null ? 0 : origin.tokenIndex();
        vm.phase.set(ResponsePhase.THINKING);
        vm.thinkingExpanded.set(true);
        vm.thinkingHeader.set(ThinkingHeader.live(0));
        vm.showVersionNavigation(message);
        return vm;
    }

    /** A stored response, shown as it was saved. */
    static AssistantMessageViewModel stored(AssistantMessage message, boolean autoCollapse) {
        AssistantMessageViewModel vm = new AssistantMessageViewModel(message.id(), autoCollapse,
                new ConcurrentLinkedQueue<>());
        vm.show(message);
        return vm;
    }

    /** Shows {@code message}'s selected version (after switching versions or when generation ended). */
    void show(AssistantMessage message) {
        AssistantVersion v = message.current();
        thinking.set(v.thinking());
        answer.set(v.answer());
        GenerationStats stats = v.stats();
        int thoughtTokens = stats != null ? stats.thinkingTokens() : v.tokens().thinkingTokens();
        double seconds = stats != null ? stats.thinkingSeconds() : -1;
        thinkingHeader.set(ThinkingHeader.summary(seconds, thoughtTokens, v.thinkingUnfinished(), v.thinkingForced(),
                v.finishReason()));
        thinkingCutShort.set(v.thinkingUnfinished() || v.thinkingForced());
        thinkingExpanded.set(message.thinkingOpen());
        phase.set(switch (v.state()) {
            case COMPLETE -> ResponsePhase.COMPLETE;
            case STOPPED, IN_PROGRESS -> ResponsePhase.STOPPED;
            case FAILED -> ResponsePhase.FAILED;
        });
        error.set(v.error() == null ? "" : v.error());
        details.set(detailsOf(v));
        showVersionNavigation(message);
    }

    private void showVersionNavigation(AssistantMessage message) {
        int count = message.versions().size();
        versionLabel.set(count > 1 ? (message.selected() + 1) + "/" + count : "");
        hasPreviousVersion.set(message.selected() > 0);
        hasNextVersion.set(message.selected() < count - 1);
    }

    /** "452 tokens · 23.1 tok/s · 19.6 s · seed 1234" (the seed only when sampling, not greedy). */
    private static String detailsOf(AssistantVersion version) {
        GenerationStats stats = version.stats();
        String figures = stats == null ? "" : String.format(Locale.ROOT, "%d tokens · %.1f tok/s · %.1f s",
                stats.generatedTokens(), stats.decodeTokensPerSecond(), stats.totalSeconds());
        if (version.sampling().temperature() == 0) return figures;
        String seed = "seed " + version.sampling().seed();
        return figures.isEmpty() ? seed : figures + " · " + seed;
    }

    /**
     * Applies the queued events, up to {@link #FRAME_CHARACTERS} characters of new text, and the live timer, once per
     * frame, on the FX thread.
     *
     * @return the last event ({@code Finished} or {@code Failed}) if it was applied, else null
     */
    GenerationEvent drain(long nowNanos) {
        return drain(nowNanos, FRAME_CHARACTERS);
    }

    /**
     * Applies the queued events, up to {@code budget} characters of new text (at least one text delta however long,
     * so that a stream always moves on), and the live timer, once per frame, on the FX thread. Events are applied in
     * order; the first text delta past the budget and all that follow it wait for the next call, so the last event is
     * applied only once every event before it was.
     *
     * @param budget the most characters of new text to apply, at least 1
     * @return the last event ({@code Finished} or {@code Failed}) if it was applied, else null
     */
    GenerationEvent drain(long nowNanos, int budget) {
        if (budget < 1) throw new IllegalArgumentException("a frame's text budget must be at least 1, got " + budget);
        lastDrainNanos = nowNanos;
        GenerationEvent terminal = null;
        boolean thinkingChanged = false;
        boolean answerChanged = false;
        int characters = 0;
        GenerationEvent event;
        while ((event = pending.peek()) != null) {
            boolean delta = event instanceof GenerationEvent.ThinkingDelta || event instanceof GenerationEvent.AnswerDelta;
            if (delta && characters >= budget) break;
            pending.poll();
            switch (event) {
                case GenerationEvent.ThinkingDelta d -> {
                    thinkingBuffer.append(d.text());
                    characters += d.text().length();
                    thinkingChanged = true;
                }
                case GenerationEvent.AnswerDelta d -> {
                    answerBuffer.append(d.text());
                    characters += d.text().length();
                    answerChanged = true;
                }
                case GenerationEvent.TokenInfo t -> countToken(t, nowNanos);
                case GenerationEvent.Finished f -> terminal = f;
                case GenerationEvent.Failed f -> terminal = f;
                case GenerationEvent.PromptProcessed p -> promptTokens = p.tokenCount();
                case GenerationEvent.ContextTrimmed t -> notice.set(String.format(Locale.ROOT,
                        "The %d oldest messages did not fit in the model's context (%,d tokens) and were left out.",
                        t.droppedTurns(), t.contextLength()));
            }
        }
        if (thinkingChanged) thinking.set(thinkingBuffer.toString());
        if (answerChanged) answer.set(answerBuffer.toString());
        if (terminal == null) showLiveHeader(nowNanos);
        return terminal;
    }

    private void countToken(GenerationEvent.TokenInfo token, long nowNanos) {
        if (seenTokens++ >= replayedTokens) {
            if (firstTokenNanos < 0) firstTokenNanos = nowNanos;
            decodedTokens++;
        }
        liveTokens.add(token.text(), token.phase() == Phase.THINKING, token.probability());
        if (token.phase() == Phase.THINKING) {
            thinkingTokens++;
            return;
        }
        answerTokens++;
        if (thinkingEndNanos < 0) {
            thinkingEndNanos = nowNanos;
            phase.set(ResponsePhase.ANSWERING);
            if (autoCollapse) thinkingExpanded.set(false);
        }
    }

    private void showLiveHeader(long nowNanos) {
        if (thinkingEndNanos < 0) {
            thinkingHeader.set(ThinkingHeader.live(seconds(nowNanos - startNanos)));
        } else {
            thinkingHeader.set(ThinkingHeader.summary(seconds(thinkingEndNanos - startNanos), thinkingTokens, false,
                    false, null));
        }
    }

    /** Generated tokens per second so far (not counting the tokens a branch replays), 0 before the second token. */
    double liveTokensPerSecond() {
        int tokens = decodedTokens;
        if (firstTokenNanos < 0 || tokens < 2 || lastDrainNanos <= firstTokenNanos) return 0;
        return (tokens - 1) / seconds(lastDrainNanos - firstTokenNanos);
    }

    /** Tokens of the prompt plus tokens generated so far: how much of the context window is in use. */
    int contextTokens() {
        return promptTokens + thinkingTokens + answerTokens;
    }

    /** The tokens drained so far while the response streams (for the live confidence heat); empty for a stored one. */
    LiveTokens liveTokens() {
        return liveTokens;
    }

    void setLast(boolean isLast) {
        last.set(isLast);
    }

    /** Calls {@code listener} whenever the user opens or closes the thinking pane. */
    void onThinkingToggled(Consumer<Boolean> listener) {
        thinkingExpanded.addListener((obs, was, open) -> listener.accept(open));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    @Override
    public String id() {
        return id;
    }

    public ReadOnlyStringProperty thinkingProperty() {
        return thinking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty thinkingHeaderProperty() {
        return thinkingHeader.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty thinkingCutShortProperty() {
        return thinkingCutShort.getReadOnlyProperty();
    }

    /** Whether the thinking pane is open; the user toggles it, and the choice is remembered with the message. */
    public BooleanProperty thinkingExpandedProperty() {
        return thinkingExpanded;
    }

    public ReadOnlyObjectProperty<ResponsePhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** "2/3" when there are several versions, else empty. */
    public ReadOnlyStringProperty versionLabelProperty() {
        return versionLabel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousVersionProperty() {
        return hasPreviousVersion.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextVersionProperty() {
        return hasNextVersion.getReadOnlyProperty();
    }

    /** Whether this is the last message of the conversation (only that one can be regenerated). */
    public ReadOnlyBooleanProperty lastProperty() {
        return last.getReadOnlyProperty();
    }

    /**
     * Figures of a finished response and the seed it was sampled with, e.g. "452 tokens · 23.1 tok/s · 19.6 s ·
     * seed 1234"; the seed alone when there are no figures (a stopped or failed response).
     */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Something the user should know about how this response was made (e.g. a trimmed context), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Why generation failed, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}

package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.inspect.DivergencePoint;
import org.thinktrace.inspect.InspectedResponse;
import org.thinktrace.inspect.Span;
import org.thinktrace.inspect.TraceComparer;
import org.thinktrace.inspect.TraceComparison;
import org.thinktrace.inspect.TraceInspector;
import org.thinktrace.inspect.TraceStep;

/**
 * The compare view's state: two versions of one response (A on the left, B on the right, chosen by index), their
 * steps aligned into rows by {@link TraceComparer}, the first divergence ({@link DivergencePoint}) marked in the
 * rows, and a sentence on whether the answers agree. Changed on the FX thread only; the comparison is redone
 * whenever either choice changes, on the {@code work} executor (two long traces take a while to align), and shown
 * on the FX thread unless another pair was chosen meanwhile. While it is open it follows its response
 * ({@link #follow}): a version added meanwhile is offered in the pickers, and a deleted response empties the view
 * with a note saying so.
 */
public final class CompareViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(CompareViewModel.class);

    /** What a row shows. */
    public enum Kind {
        /** The same step in both. */
        KEPT,
        /** Similar steps, paired. */
        CHANGED,
        /** A step only B has. */
        ADDED,
        /** A step only A has. */
        DROPPED,
        /** The two answers. */
        ANSWER
    }

    /**
     * One row of the side-by-side view: a step of A beside the step of B it is aligned with (either may be
     * missing), or the two answers.
     *
     * @param kind  how the two sides relate
     * @param stepA the step index in A, or −1
     * @param stepB the step index in B, or −1
     * @param textA A's text in this row ("" when A has none)
     * @param markA the first divergence within {@code textA}, or null
     * @param textB B's text in this row
     * @param markB the first divergence within {@code textB}, or null
     */
    public record Row(Kind kind, int stepA, int stepB, String textA, Span markA, String textB, Span markB) {

        /** Whether the first divergence is marked in this row. */
        public boolean diverges() {
            return markA != null || markB != null;
        }
    }

    private final BooleanProperty open = new SimpleBooleanProperty();
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final IntegerProperty versionA = new SimpleIntegerProperty(-1);
    private final IntegerProperty versionB = new SimpleIntegerProperty(-1);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper divergenceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headerA = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headerB = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper divergenceRow = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper deleted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    private final Executor work;
    private final Executor ui;
    private String messageId = "";
    private String question = "";
    private List<AssistantVersion> versions = List.of();
    /** The pair on screen when the response was deleted, shown again if it comes back (a deletion undone). */
    private int keptA = -1;
    private int keptB = -1;
    /** Counts the comparisons asked for; a result shows only when no later one was asked (FX thread only). */
    private long asked;
    /** Whether a comparison runs on {@code work}; at most one does, and the latest pair asked meanwhile follows it. */
    private boolean comparing;

    /** A view model that compares on the calling thread. */
    CompareViewModel() {
        this(Runnable::run, Runnable::run);
    }

    /**
     * @param work compares two versions off the FX thread
     * @param ui   runs on the FX thread
     */
    CompareViewModel(Executor work, Executor ui) {
        this.work = work;
        this.ui = ui;
        versionA.addListener((obs, old, now) -> compare());
        versionB.addListener((obs, old, now) -> compare());
    }

    /** What comparing a pair found, ready to show. */
    private record Compared(List<Row> rows, int divergenceRow, String verdict, String divergenceText) {
    }

    /**
     * Compares two of {@code all} (the versions of response {@code responseId}, oldest first): {@code a} on the
     * left, {@code b} on the right, and opens the view.
     */
    void show(String responseId, String questionText, List<AssistantVersion> all, int a, int b) {
        messageId = responseId;
        question = questionText == null ? "" : questionText;
        versions = List.copyOf(all);
        List<String> labels = new ArrayList<>(versions.size());
        for (int i = 0; i < versions.size(); i++) labels.add(choiceLabel(i, versions.get(i)));
        deleted.set(false);
        versionA.set(-1);
        versionB.set(-1);
        choices.setAll(labels);
        versionA.set(a);
        versionB.set(b);
        notice.set("");
        open.set(true);
    }

    /** The response compared (its message id). */
    String messageId() {
        return messageId;
    }

    /**
     * Keeps the open view on its response as the conversation changes; {@code now} is the response's versions as
     * they are now (oldest first), or null when it was deleted (with its conversation, or with the question it
     * answers). A deleted response empties the view: no versions to pick, no rows, and a note that it was deleted.
     * A version added since is offered in both pickers once it has finished (the pair on screen stays), and the note
     * says so; one still being generated is announced. Nothing happens while the view is closed.
     */
    void follow(List<AssistantVersion> now) {
        if (!open.get()) return;
        if (now == null) {
            if (!deleted.get()) showDeleted();
            return;
        }
        List<AssistantVersion> finished = finishedOf(now);
        if (deleted.get()) { // the deletion was undone: the response is back
            show(messageId, question, finished, Math.min(keptA, finished.size() - 1),
                    Math.min(keptB, finished.size() - 1));
            return;
        }
        int before = versions.size();
        if (finished.size() > before) {
            versions = List.copyOf(finished);
            for (int i = before; i < versions.size(); i++) choices.add(choiceLabel(i, versions.get(i)));
            notice.set(versions.size() - before == 1
                    ? "Version " + versions.size() + " was added: pick it above to compare it."
                    : "Versions " + (before + 1) + " to " + versions.size() + " were added: pick one above to compare it.");
        }
        if (finished.size() < now.size()) {
            notice.set("Version " + now.size() + " is being generated: it can be picked here once it has finished.");
        }
    }

    /** {@code all} without a last version still being generated. */
    private static List<AssistantVersion> finishedOf(List<AssistantVersion> all) {
        return !all.isEmpty() && all.getLast().state() == ResponseState.IN_PROGRESS ? all.subList(0, all.size() - 1) : all;
    }

    private void showDeleted() {
        keptA = versionA.get();
        keptB = versionB.get();
        deleted.set(true);
        versionA.set(-1);
        versionB.set(-1);
        choices.clear();
        headerA.set("");
        headerB.set("");
        notice.set("This response was deleted, so there is nothing left to compare.");
    }

    /**
     * The pair compared by default when version {@code shown} is on screen: the version it branched from and
     * itself; else the one before it and itself; else (the first version) itself and the next.
     */
    static int[] defaultPair(List<AssistantVersion> all, int shown) {
        AssistantVersion v = all.get(shown);
        if (v.origin() != null && v.origin().fromVersion() < all.size() && v.origin().fromVersion() != shown) {
            return new int[] {v.origin().fromVersion(), shown};
        }
        if (shown > 0) return new int[] {shown - 1, shown};
        return new int[] {shown, Math.min(shown + 1, all.size() - 1)};
    }

    /** "Version 3 (branched at token 12: "two" → "three")". */
    static String choiceLabel(int index, AssistantVersion version) {
        String name = "Version " + (index + 1);
        return version.origin() == null ? name : name + " (" + version.origin().label() + ")";
    }

    private void compare() {
        ++asked;
        int a = versionA.get();
        int b = versionB.get();
        notice.set(""); // a pick answers what the note said
        rows.clear(); // never the rows of one pair under the headers of another
        divergenceRow.set(-1);
        divergenceText.set("");
        if (!pairChosen()) {
            verdict.set("");
            return;
        }
        headerA.set(choices.get(a));
        headerB.set(choices.get(b));
        verdict.set("Comparing…");
        if (!comparing) startComparing();
    }

    /** Whether both choices name a version. */
    private boolean pairChosen() {
        int a = versionA.get();
        int b = versionB.get();
        return a >= 0 && b >= 0 && a < versions.size() && b < versions.size();
    }

    /** Compares the pair chosen now on {@code work}; when it ends, the pair chosen meanwhile, if any, is next. */
    private void startComparing() {
        long ticket = asked;
        int a = versionA.get();
        int b = versionB.get();
        InspectedResponse ra = InspectedResponse.of(question, versions.get(a));
        InspectedResponse rb = InspectedResponse.of(question, versions.get(b));
        comparing = true;
        CompletableFuture.supplyAsync(() -> compared(ra, rb, a, b), work).whenComplete((result, failure) ->
                ui.execute(() -> {
                    comparing = false;
                    if (ticket != asked) { // another pair was chosen meanwhile: compare that one instead
                        if (pairChosen()) startComparing();
                        return;
                    }
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : failure;
                        LOG.error("versions {} and {} could not be compared", a + 1, b + 1, cause);
                        rows.clear();
                        divergenceRow.set(-1);
                        verdict.set("The versions could not be compared: " + cause.getMessage());
                        divergenceText.set("");
                        return;
                    }
                    rows.setAll(result.rows());
                    divergenceRow.set(result.divergenceRow());
                    verdict.set(result.verdict());
                    divergenceText.set(result.divergenceText());
                }));
    }

    private static Compared compared(InspectedResponse ra, InspectedResponse rb, int a, int b) {
        TraceComparison comparison = TraceComparer.compare(ra, rb);
        DivergencePoint point = DivergencePoint.locate(ra, rb, comparison.divergence());
        List<Row> built = rows(ra, rb, comparison, point);
        return new Compared(built, firstDiverging(built), verdict(a, b, comparison),
                a == b ? "A version compared with itself." : describe(a, b, comparison, point));
    }

    /** The aligned steps as rows, then the answers, with the first divergence marked where it falls. */
    static List<Row> rows(InspectedResponse a, InspectedResponse b, TraceComparison comparison, DivergencePoint point) {
        List<TraceStep> stepsA = TraceInspector.steps(a);
        List<TraceStep> stepsB = TraceInspector.steps(b);
        int markedStepA = point == null ? -1 : stepHolding(stepsA, point.a());
        int markedStepB = point == null ? -1 : stepHolding(stepsB, point.b());
        List<Row> out = new ArrayList<>(comparison.steps().size() + 1);
        for (TraceComparison.StepPair pair : comparison.steps()) {
            TraceStep sa = pair.stepA() < 0 ? null : stepsA.get(pair.stepA());
            TraceStep sb = pair.stepB() < 0 ? null : stepsB.get(pair.stepB());
            Kind kind = switch (pair.change()) {
                case KEPT -> Kind.KEPT;
                case CHANGED -> Kind.CHANGED;
                case ADDED -> Kind.ADDED;
                case DROPPED -> Kind.DROPPED;
            };
            out.add(new Row(kind, pair.stepA(), pair.stepB(), sa == null ? "" : sa.text(),
                    sa != null && sa.index() == markedStepA ? within(sa, point.a().chars()) : null,
                    sb == null ? "" : sb.text(),
                    sb != null && sb.index() == markedStepB ? within(sb, point.b().chars()) : null));
        }
        boolean inAnswerA = point != null && (point.a().part() == DivergencePoint.Part.ANSWER || markedStepA < 0);
        boolean inAnswerB = point != null && (point.b().part() == DivergencePoint.Part.ANSWER || markedStepB < 0);
        out.add(new Row(Kind.ANSWER, -1, -1, a.answer(), inAnswerA ? answerMark(a.answer(), point.a()) : null,
                b.answer(), inAnswerB ? answerMark(b.answer(), point.b()) : null));
        return out;
    }

    /** The step whose text holds (or, between steps, follows) a place in the thinking; −1 when none does. */
    private static int stepHolding(List<TraceStep> steps, DivergencePoint.Place place) {
        if (place.part() != DivergencePoint.Part.THINKING) return -1;
        int at = place.chars().from();
        for (TraceStep s : steps) if (at < s.chars().to() || at == s.chars().to() && place.chars().isEmpty()) return s.index();
        return -1;
    }

    private static Span within(TraceStep step, Span chars) {
        int length = step.text().length();
        int from = Math.min(length, Math.max(0, chars.from() - step.chars().from()));
        int to = Math.min(length, Math.max(from, chars.to() - step.chars().from()));
        return new Span(from, to);
    }

    private static Span answerMark(String answer, DivergencePoint.Place place) {
        if (place.part() != DivergencePoint.Part.ANSWER) return new Span(0, 0); // the thinking ended before it
        int from = Math.min(answer.length(), place.chars().from());
        return new Span(from, Math.min(answer.length(), Math.max(from, place.chars().to())));
    }

    private static int firstDiverging(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).diverges()) return i;
        return -1;
    }

    /** "Both answer 42", "Version 1 answers 42, version 3 answers 44", or which states no answer. */
    static String verdict(int a, int b, TraceComparison comparison) {
        String nameA = "Version " + (a + 1);
        String nameB = "version " + (b + 1);
        String answerA = comparison.answerA();
        String answerB = comparison.answerB();
        if (comparison.answersAgree()) return "Both answer " + answerA + ".";
        if (answerA == null && answerB == null) return "Neither version states an answer.";
        return nameA + (answerA == null ? " states no answer" : " answers " + answerA) + ", "
                + nameB + (answerB == null ? " states no answer." : " answers " + answerB + ".");
    }

    /** The first divergence in words: where it is, and the two tokens (or texts) there. */
    static String describe(int a, int b, TraceComparison comparison, DivergencePoint point) {
        if (point == null) return "The two versions are identical.";
        if (!point.tokenLevel()) {
            return "They first differ in the " + (point.a().part() == DivergencePoint.Part.THINKING ? "thinking" : "answer")
                    + " (found in the text: a version has no token data).";
        }
        TraceComparison.Divergence d = comparison.divergence();
        String where = point.a().part() == DivergencePoint.Part.THINKING && point.b().part() == DivergencePoint.Part.THINKING
                ? " (thinking)" : "";
        if (d.textA() == null) return String.format(Locale.ROOT, "Version %d ends at token %d; version %d goes on with %s.",
                a + 1, d.token(), b + 1, InspectorViewModel.quote(d.textB()));
        if (d.textB() == null) return String.format(Locale.ROOT, "Version %d ends at token %d; version %d goes on with %s.",
                b + 1, d.token(), a + 1, InspectorViewModel.quote(d.textA()));
        return String.format(Locale.ROOT, "First divergence at token %d%s: %s (p %.2f) in version %d, %s (p %.2f) in version %d.",
                d.token(), where, InspectorViewModel.quote(d.textA()), d.pA(), a + 1,
                InspectorViewModel.quote(d.textB()), d.pB(), b + 1);
    }

    /** Closes the view. */
    void close() {
        open.set(false);
    }

    // ---- properties ------------------------------------------------------------------------------------

    /** Whether the compare view is shown. */
    public BooleanProperty openProperty() {
        return open;
    }

    /** One label per version of the response, for the two pickers. */
    public ObservableList<String> choices() {
        return choices;
    }

    /** The version on the left (0-based), −1 for none. */
    public IntegerProperty versionAProperty() {
        return versionA;
    }

    /** The version on the right (0-based), −1 for none. */
    public IntegerProperty versionBProperty() {
        return versionB;
    }

    /** The aligned rows, the answers last. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** Whether the answers agree, as a sentence. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** Where the versions first differ, as a sentence. */
    public ReadOnlyStringProperty divergenceTextProperty() {
        return divergenceText.getReadOnlyProperty();
    }

    /** The left column's heading. */
    public ReadOnlyStringProperty headerAProperty() {
        return headerA.getReadOnlyProperty();
    }

    /** The right column's heading. */
    public ReadOnlyStringProperty headerBProperty() {
        return headerB.getReadOnlyProperty();
    }

    /** Whether the response compared was deleted while the view was open (the view is then empty). */
    public ReadOnlyBooleanProperty deletedProperty() {
        return deleted.getReadOnlyProperty();
    }

    /**
     * What changed about the response while the view was open (a version added or being generated, the response
     * deleted), or empty.
     */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The first row with the divergence marked, or −1. */
    public ReadOnlyIntegerProperty divergenceRowProperty() {
        return divergenceRow.getReadOnlyProperty();
    }
}

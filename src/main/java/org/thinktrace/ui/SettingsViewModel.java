package org.thinktrace.ui;

import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.SeedMode;
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.AutoPrecision;
import org.thinktrace.model.PrecisionChoice;

/**
 * The settings form: one text property per number field (so any typed text can be checked and named),
 * {@link #toSettings()} to validate, {@link #resetToR1Defaults()} for DeepSeek's recommended generation settings.
 */
public final class SettingsViewModel {

    /** The hint under the system prompt field. */
    public static final String SYSTEM_PROMPT_HINT =
            "R1 models work best without a system prompt: put instructions in your message instead.";

    private final StringProperty temperature = new SimpleStringProperty();
    private final StringProperty topP = new SimpleStringProperty();
    private final StringProperty topK = new SimpleStringProperty();
    private final StringProperty minP = new SimpleStringProperty();
    private final StringProperty seed = new SimpleStringProperty();
    private final BooleanProperty fixedSeed = new SimpleBooleanProperty();
    private final StringProperty maxTokens = new SimpleStringProperty();
    private final StringProperty thinkingBudget = new SimpleStringProperty();
    private final StringProperty systemPrompt = new SimpleStringProperty();
    private final BooleanProperty autoCollapse = new SimpleBooleanProperty();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final StringProperty fontSize = new SimpleStringProperty();
    private final ObjectProperty<PrecisionChoice> precision = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final AppSettings original;
    private final int contextLength;
    /** Sampling knobs the form does not show; kept as they were, or reset with the rest. */
    private double repetitionPenalty;
    private double presencePenalty;

    /** A form for {@code settings} with no model loaded: max tokens is not bounded by a context. */
    public SettingsViewModel(AppSettings settings) {
        this(settings, 0);
    }

    /**
     * @param contextLength the loaded model's context in tokens, which bounds max tokens (shown no higher, and
     *                      refused above it); 0 when no model is loaded
     */
    public SettingsViewModel(AppSettings settings, int contextLength) {
        this.original = settings;
        this.contextLength = contextLength;
        show(settings);
    }

    private void show(AppSettings s) {
        SamplingSettings p = s.sampling();
        repetitionPenalty = p.repetitionPenalty();
        presencePenalty = p.presencePenalty();
        temperature.set(number(p.temperature()));
        topP.set(number(p.topP()));
        topK.set(Integer.toString(p.topK()));
        minP.set(number(p.minP()));
        seed.set(Long.toString(p.seed()));
        fixedSeed.set(s.seedMode() == SeedMode.FIXED);
        maxTokens.set(Integer.toString(contextLength > 0 ? Math.min(s.maxTokens(), contextLength) : s.maxTokens()));
        thinkingBudget.set(Integer.toString(s.thinkingBudget()));
        systemPrompt.set(s.systemPrompt());
        autoCollapse.set(s.autoCollapse());
        theme.set(s.theme());
        fontSize.set(number(s.fontSize()));
        precision.set(s.precisionChoice());
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * Puts temperature, top-p, top-k, min-p, seed (a fresh one each time), max tokens and thinking budget back to
     * the R1 defaults.
     */
    public void resetToR1Defaults() {
        AppSettings current = toSettings().orElse(original);
        AppSettings reset = current.withR1Generation();
        String prompt = systemPrompt.get();
        boolean collapse = autoCollapse.get();
        Theme chosenTheme = theme.get();
        String font = fontSize.get();
        PrecisionChoice weights = precision.get();
        show(reset);
        precision.set(weights);
        systemPrompt.set(prompt);
        autoCollapse.set(collapse);
        theme.set(chosenTheme);
        fontSize.set(font);
        error.set("");
    }

    /** The settings the form describes, or empty with {@link #errorProperty()} naming the bad field. */
    public Optional<AppSettings> toSettings() {
        try {
            SamplingSettings sampling = new SamplingSettings(decimal("Temperature", temperature),
                    decimal("Top-p", topP), whole("Top-k", topK), decimal("Min-p", minP), repetitionPenalty,
                    presencePenalty, wholeLong("Seed", seed));
            AppSettings settings = new AppSettings(sampling, fixedSeed.get() ? SeedMode.FIXED : SeedMode.RANDOM,
                    maxTokens(), whole("Thinking budget", thinkingBudget), systemPrompt.get(),
                    autoCollapse.get(), theme.get(), decimal("Font size", fontSize), original.window(),
                    precision.get().name(), original.conversationList());
            error.set("");
            return Optional.of(settings);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return Optional.empty();
        }
    }

    private int maxTokens() {
        int value = whole("Max tokens", maxTokens);
        if (contextLength > 0 && value > contextLength) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Max tokens: %,d is more than the model's context of %,d tokens", value, contextLength));
        }
        return value;
    }

    /** The hint beside max tokens: what it counts and, with a model loaded, its bound. */
    public String maxTokensHint() {
        return contextLength > 0
                ? String.format(Locale.ROOT, "thinking and answer; at most %,d (the model's context)", contextLength)
                : "thinking and answer together";
    }

    /** A finite number, as the command line takes it: not NaN, Infinity or beyond a double's range (1e309). */
    private static double decimal(String field, StringProperty text) {
        try {
            double value = Double.parseDouble(text.get().strip());
            if (Double.isFinite(value)) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(field + ": '" + text.get() + "' is not a number");
    }

    private static int whole(String field, StringProperty text) {
        long value = wholeLong(field, text);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(field + ": " + value + " is too " + (value > 0 ? "large" : "small"));
        }
        return (int) value;
    }

    private static long wholeLong(String field, StringProperty text) {
        try {
            return Long.parseLong(text.get().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text.get() + "' is not a whole number");
        }
    }

    public StringProperty temperatureProperty() {
        return temperature;
    }

    public StringProperty topPProperty() {
        return topP;
    }

    public StringProperty topKProperty() {
        return topK;
    }

    public StringProperty minPProperty() {
        return minP;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** True: the seed field is used for every generation; false: a fresh seed is drawn each time. */
    public BooleanProperty fixedSeedProperty() {
        return fixedSeed;
    }

    public StringProperty maxTokensProperty() {
        return maxTokens;
    }

    public StringProperty thinkingBudgetProperty() {
        return thinkingBudget;
    }

    public StringProperty systemPromptProperty() {
        return systemPrompt;
    }

    public BooleanProperty autoCollapseProperty() {
        return autoCollapse;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public StringProperty fontSizeProperty() {
        return fontSize;
    }

    /** The precision local models load in; a change reloads the model in use once the settings are applied. */
    public ObjectProperty<PrecisionChoice> precisionProperty() {
        return precision;
    }

    /** The choices offered, Auto first. */
    public static java.util.List<PrecisionChoice> precisionChoices() {
        return PrecisionChoice.all();
    }

    /** The hint beside the precision choice. */
    public static String precisionHint() {
        return "Auto: " + AutoPrecision.RULE + "; a change reloads the model";
    }

    /** Why the form cannot be saved, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    static String themeName(Theme theme) {
        return theme.name().charAt(0) + theme.name().substring(1).toLowerCase(Locale.ROOT);
    }
}

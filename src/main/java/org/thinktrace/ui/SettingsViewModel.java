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
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.SamplingSettings;

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
    private final StringProperty maxTokens = new SimpleStringProperty();
    private final StringProperty thinkingBudget = new SimpleStringProperty();
    private final StringProperty systemPrompt = new SimpleStringProperty();
    private final BooleanProperty autoCollapse = new SimpleBooleanProperty();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final StringProperty fontSize = new SimpleStringProperty();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final AppSettings original;
    /** Sampling knobs the form does not show; kept as they were, or reset with the rest. */
    private double repetitionPenalty;
    private double presencePenalty;

    public SettingsViewModel(AppSettings settings) {
        this.original = settings;
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
        maxTokens.set(Integer.toString(s.maxTokens()));
        thinkingBudget.set(Integer.toString(s.thinkingBudget()));
        systemPrompt.set(s.systemPrompt());
        autoCollapse.set(s.autoCollapse());
        theme.set(s.theme());
        fontSize.set(number(s.fontSize()));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Puts temperature, top-p, top-k, min-p, seed, max tokens and thinking budget back to the R1 defaults. */
    public void resetToR1Defaults() {
        AppSettings current = toSettings().orElse(original);
        AppSettings reset = current.withR1Generation();
        String prompt = systemPrompt.get();
        boolean collapse = autoCollapse.get();
        Theme chosenTheme = theme.get();
        String font = fontSize.get();
        show(reset);
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
            AppSettings settings = new AppSettings(sampling, whole("Max tokens", maxTokens),
                    whole("Thinking budget", thinkingBudget), systemPrompt.get(), autoCollapse.get(), theme.get(),
                    decimal("Font size", fontSize));
            error.set("");
            return Optional.of(settings);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return Optional.empty();
        }
    }

    private static double decimal(String field, StringProperty text) {
        try {
            return Double.parseDouble(text.get().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text.get() + "' is not a number");
        }
    }

    private static int whole(String field, StringProperty text) {
        long value = wholeLong(field, text);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(field + ": " + value + " is too large");
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

    /** Why the form cannot be saved, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    static String themeName(Theme theme) {
        return theme.name().charAt(0) + theme.name().substring(1).toLowerCase(Locale.ROOT);
    }
}

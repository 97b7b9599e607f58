package org.thinktrace.chat;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.PrecisionChoice;

/**
 * The user's preferences, as persisted by {@link SettingsStore}.
 *
 * @param sampling       how tokens are picked (temperature, top-p, top-k, min-p, seed, …)
 * @param seedMode       whether {@code sampling}'s seed is used every time or a fresh one is drawn per generation;
 *                       null (a settings file from before the choice existed) means {@link SeedMode#RANDOM}
 * @param maxTokens      the most tokens one response may take, thinking included
 * @param thinkingBudget after this many thinking tokens the answer is forced; 0 = no budget
 * @param systemPrompt   sent before the conversation when not blank; empty by default (R1 works best without one)
 * @param autoCollapse   close the thinking pane when the answer begins
 * @param theme          light or dark
 * @param fontSize       base font size in points, 9 to 32
 * @param window         where the main window was last; null lets the app choose
 * @param precision      the weight precision local models load in, a {@link PrecisionChoice#name()} ({@code auto},
 *                       {@code fp32}, {@code int8}, …); null (a settings file from before the choice existed) or a
 *                       name this build does not know means {@code auto}
 * @param conversationList whether the main window's conversation list is hidden and how wide it is; null (a settings
 *                       file from before it was kept) means shown, as wide as the window chooses
 */
public record AppSettings(SamplingSettings sampling, SeedMode seedMode, int maxTokens, int thinkingBudget,
                          String systemPrompt, boolean autoCollapse, Theme theme, double fontSize,
                          WindowPlacement window, String precision, ConversationListLayout conversationList) {

    public static final int DEFAULT_MAX_TOKENS = 8192;
    public static final double DEFAULT_FONT_SIZE = 14;

    public AppSettings {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(theme, "theme");
        seedMode = seedMode == null ? SeedMode.RANDOM : seedMode;
        conversationList = conversationList == null ? ConversationListLayout.defaults() : conversationList;
        precision = PrecisionChoice.names().contains(precision) ? precision : PrecisionChoice.AUTO_NAME;
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        if (maxTokens <= 0) throw new IllegalArgumentException("max tokens must be > 0, got " + maxTokens);
        if (thinkingBudget < 0) {
            throw new IllegalArgumentException("thinking budget must be 0 (none) or more tokens, got " + thinkingBudget);
        }
        if (!(fontSize >= 9 && fontSize <= 32)) {
            throw new IllegalArgumentException("font size must be 9 to 32, got " + fontSize);
        }
        // SamplingSettings lets these be infinite (and the presence penalty NaN), which sampling cannot use
        if (!Double.isFinite(sampling.temperature())) {
            throw new IllegalArgumentException("temperature must be a finite number, got " + sampling.temperature());
        }
        if (!Double.isFinite(sampling.repetitionPenalty())) {
            throw new IllegalArgumentException("repetition penalty must be a finite number, got "
                    + sampling.repetitionPenalty());
        }
        if (!Double.isFinite(sampling.presencePenalty())) {
            throw new IllegalArgumentException("presence penalty must be a finite number, got "
                    + sampling.presencePenalty());
        }
    }

    /** Settings with the conversation list shown. */
    public AppSettings(SamplingSettings sampling, SeedMode seedMode, int maxTokens, int thinkingBudget,
                       String systemPrompt, boolean autoCollapse, Theme theme, double fontSize,
                       WindowPlacement window, String precision) {
        this(sampling, seedMode, maxTokens, thinkingBudget, systemPrompt, autoCollapse, theme, fontSize, window,
                precision, ConversationListLayout.defaults());
    }

    /** Settings with precision Auto and the conversation list shown. */
    public AppSettings(SamplingSettings sampling, SeedMode seedMode, int maxTokens, int thinkingBudget,
                       String systemPrompt, boolean autoCollapse, Theme theme, double fontSize,
                       WindowPlacement window) {
        this(sampling, seedMode, maxTokens, thinkingBudget, systemPrompt, autoCollapse, theme, fontSize, window,
                PrecisionChoice.AUTO_NAME);
    }

    /** Settings with a fresh seed per generation, no remembered window and precision Auto. */
    public AppSettings(SamplingSettings sampling, int maxTokens, int thinkingBudget, String systemPrompt,
                       boolean autoCollapse, Theme theme, double fontSize) {
        this(sampling, SeedMode.RANDOM, maxTokens, thinkingBudget, systemPrompt, autoCollapse, theme, fontSize, null);
    }

    /** First-start settings: DeepSeek's R1 sampling with a fresh seed each time, no system prompt, auto-collapse, light theme. */
    public static AppSettings defaults() {
        return new AppSettings(SamplingSettings.r1Defaults(), DEFAULT_MAX_TOKENS, 0, "", true, Theme.LIGHT,
                DEFAULT_FONT_SIZE);
    }

    /**
     * These settings with sampling (a fresh seed each time), max tokens and thinking budget back at the R1
     * defaults; the rest kept.
     */
    public AppSettings withR1Generation() {
        return new AppSettings(SamplingSettings.r1Defaults(), SeedMode.RANDOM, DEFAULT_MAX_TOKENS, 0, systemPrompt,
                autoCollapse, theme, fontSize, window, precision, conversationList);
    }

    public AppSettings withTheme(Theme newTheme) {
        return new AppSettings(sampling, seedMode, maxTokens, thinkingBudget, systemPrompt, autoCollapse, newTheme,
                fontSize, window, precision, conversationList);
    }

    public AppSettings withWindow(WindowPlacement placement) {
        return new AppSettings(sampling, seedMode, maxTokens, thinkingBudget, systemPrompt, autoCollapse, theme,
                fontSize, placement, precision, conversationList);
    }

    public AppSettings withPrecision(PrecisionChoice choice) {
        return new AppSettings(sampling, seedMode, maxTokens, thinkingBudget, systemPrompt, autoCollapse, theme,
                fontSize, window, choice.name(), conversationList);
    }

    public AppSettings withConversationList(ConversationListLayout layout) {
        return new AppSettings(sampling, seedMode, maxTokens, thinkingBudget, systemPrompt, autoCollapse, theme,
                fontSize, window, precision, layout);
    }

    /** {@link #precision()} as a choice. */
    public PrecisionChoice precisionChoice() {
        return PrecisionChoice.named(precision);
    }

    /**
     * The sampling settings for the next generation: {@link #sampling()} itself when the seed is fixed, else the
     * same with a seed drawn from {@code seeds}. The result is what the generation uses and what its version stores.
     */
    public SamplingSettings samplingForNextGeneration(RandomGenerator seeds) {
        // Below 2^31: short enough to read in the details and type back into the settings.
        return seedMode == SeedMode.FIXED ? sampling : sampling.withSeed(seeds.nextLong(1L << 31));
    }
}

package org.thinktrace.chat;

import java.util.Objects;
import org.thinktrace.generate.SamplingSettings;

/**
 * The user's preferences, as persisted by {@link SettingsStore}.
 *
 * @param sampling       how tokens are picked (temperature, top-p, top-k, min-p, seed, …)
 * @param maxTokens      the most tokens one response may take, thinking included
 * @param thinkingBudget after this many thinking tokens the answer is forced; 0 = no budget
 * @param systemPrompt   sent before the conversation when not blank; empty by default (R1 works best without one)
 * @param autoCollapse   close the thinking pane when the answer begins
 * @param theme          light or dark
 * @param fontSize       base font size in points, 9 to 32
 */
public record AppSettings(SamplingSettings sampling, int maxTokens, int thinkingBudget, String systemPrompt,
                          boolean autoCollapse, Theme theme, double fontSize) {

    public static final int DEFAULT_MAX_TOKENS = 8192;
    public static final double DEFAULT_FONT_SIZE = 14;

    public AppSettings {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(theme, "theme");
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        if (maxTokens <= 0) throw new IllegalArgumentException("max tokens must be > 0, got " + maxTokens);
        if (thinkingBudget < 0) {
            throw new IllegalArgumentException("thinking budget must be 0 (none) or more tokens, got " + thinkingBudget);
        }
        if (fontSize < 9 || fontSize > 32) throw new IllegalArgumentException("font size must be 9 to 32, got " + fontSize);
    }

    /** First-start settings: DeepSeek's R1 sampling, no system prompt, auto-collapse, light theme. */
    public static AppSettings defaults() {
        return new AppSettings(SamplingSettings.r1Defaults(), DEFAULT_MAX_TOKENS, 0, "", true, Theme.LIGHT,
                DEFAULT_FONT_SIZE);
    }

    /** These settings with sampling, max tokens and thinking budget back at the R1 defaults; the rest kept. */
    public AppSettings withR1Generation() {
        return new AppSettings(SamplingSettings.r1Defaults(), DEFAULT_MAX_TOKENS, 0, systemPrompt, autoCollapse, theme,
                fontSize);
    }

    public AppSettings withTheme(Theme newTheme) {
        return new AppSettings(sampling, maxTokens, thinkingBudget, systemPrompt, autoCollapse, newTheme, fontSize);
    }
}

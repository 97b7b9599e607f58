package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.SeedMode;
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.SamplingSettings;

class SettingsViewModelTest {

    private static final AppSettings CUSTOM = new AppSettings(new SamplingSettings(0.2, 0.8, 20, 0.1, 1.1, 0.0, 9),
            1000, 200, "Be brief.", false, Theme.DARK, 16);

    @Test
    void unchangedFormGivesTheSameSettings() {
        assertEquals(Optional.of(CUSTOM), new SettingsViewModel(CUSTOM).toSettings());
    }

    @Test
    void editedFieldsAreParsed() {
        SettingsViewModel vm = new SettingsViewModel(CUSTOM);
        vm.temperatureProperty().set(" 0.7 ");
        vm.thinkingBudgetProperty().set("0");
        AppSettings s = vm.toSettings().orElseThrow();
        assertEquals(0.7, s.sampling().temperature());
        assertEquals(0, s.thinkingBudget());
        assertEquals(1.1, s.sampling().repetitionPenalty(), "fields the form does not show are kept");
    }

    @Test
    void badFieldsAreNamed() {
        SettingsViewModel vm = new SettingsViewModel(CUSTOM);
        vm.topKProperty().set("ten");
        assertEquals(Optional.empty(), vm.toSettings());
        assertEquals("Top-k: 'ten' is not a whole number", vm.errorProperty().get());
        vm.topKProperty().set("10");
        vm.topPProperty().set("1.5");
        assertEquals(Optional.empty(), vm.toSettings());
        assertEquals("top-p must be in (0, 1], got 1.5", vm.errorProperty().get());
    }

    @Test
    void resetRestoresR1GenerationAndKeepsTheRest() {
        SettingsViewModel vm = new SettingsViewModel(CUSTOM);
        vm.temperatureProperty().set("nonsense");
        vm.resetToR1Defaults();
        AppSettings s = vm.toSettings().orElseThrow();
        assertEquals(SamplingSettings.r1Defaults(), s.sampling());
        assertEquals(AppSettings.DEFAULT_MAX_TOKENS, s.maxTokens());
        assertEquals("Be brief.", s.systemPrompt());
        assertEquals(Theme.DARK, s.theme());
        assertEquals(16, s.fontSize());
        assertTrue(vm.errorProperty().get().isEmpty());
    }

    @Test
    void theSeedIsFreshEachTimeUnlessFixed() {
        SettingsViewModel vm = new SettingsViewModel(CUSTOM);
        assertEquals(SeedMode.RANDOM, vm.toSettings().orElseThrow().seedMode());
        vm.fixedSeedProperty().set(true);
        vm.seedProperty().set("77");
        AppSettings fixed = vm.toSettings().orElseThrow();
        assertEquals(SeedMode.FIXED, fixed.seedMode());
        assertEquals(77, fixed.sampling().seed());
        assertEquals(fixed.sampling(), fixed.samplingForNextGeneration(new java.util.SplittableRandom(1)));
        vm.resetToR1Defaults();
        assertEquals(SeedMode.RANDOM, vm.toSettings().orElseThrow().seedMode(), "R1 defaults draw a fresh seed");
    }

    @Test
    void maxTokensIsBoundedByTheModelsContext() {
        AppSettings defaults = AppSettings.defaults();
        SettingsViewModel vm = new SettingsViewModel(defaults, 768);
        assertEquals("768", vm.maxTokensProperty().get(), "the default 8,192 is shown as the context's 768");
        assertTrue(vm.maxTokensHint().contains("at most 768"), vm.maxTokensHint());
        assertEquals(768, vm.toSettings().orElseThrow().maxTokens());
        vm.maxTokensProperty().set("769");
        assertEquals(Optional.empty(), vm.toSettings());
        assertEquals("Max tokens: 769 is more than the model's context of 768 tokens", vm.errorProperty().get());
        assertEquals("8192", new SettingsViewModel(defaults).maxTokensProperty().get(), "no model, no bound");
    }
}

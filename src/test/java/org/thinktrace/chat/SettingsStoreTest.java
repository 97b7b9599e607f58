package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.PrecisionChoice;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.generate.SamplingSettings;

class SettingsStoreTest {

    @TempDir
    Path folder;

    @Test
    void firstStartGivesR1DefaultsWithoutSystemPrompt() {
        SettingsStore.Loaded loaded = new SettingsStore(folder).load();
        assertEquals(Optional.empty(), loaded.warning());
        AppSettings s = loaded.settings();
        assertEquals(0.6, s.sampling().temperature());
        assertEquals(0.95, s.sampling().topP());
        assertEquals("", s.systemPrompt());
        assertTrue(s.autoCollapse());
        assertEquals(Theme.LIGHT, s.theme());
    }

    @Test
    void savedSettingsReadBackEqual() throws IOException {
        AppSettings custom = new AppSettings(new SamplingSettings(0.3, 0.9, 40, 0.05, 1.0, 0.0, 7), 2048, 300,
                "Be brief.", false, Theme.DARK, 17);
        new SettingsStore(folder).save(custom);
        assertEquals(custom, new SettingsStore(folder).load().settings());
    }

    @Test
    void fixedSeedAndWindowPlacementReadBackEqual() throws IOException {
        AppSettings custom = new AppSettings(new SamplingSettings(0.3, 0.9, 40, 0.05, 1.0, 0.0, 7), SeedMode.FIXED,
                2048, 300, "", true, Theme.LIGHT, 14, new WindowPlacement(40, 30, 1000, 700));
        new SettingsStore(folder).save(custom);
        assertEquals(custom, new SettingsStore(folder).load().settings());
    }

    @Test
    void everyPrecisionChoiceReadsBackEqual() throws IOException {
        for (PrecisionChoice choice : PrecisionChoice.all()) {
            AppSettings custom = AppSettings.defaults().withPrecision(choice);
            new SettingsStore(folder).save(custom);
            AppSettings read = new SettingsStore(folder).load().settings();
            assertEquals(custom, read);
            assertEquals(choice, read.precisionChoice());
        }
    }

    @Test
    void aPrecisionFromBeforeTheChoiceOrFromANewerBuildIsAuto() throws IOException {
        Files.createDirectories(folder);
        for (String precision : List.of("", ",\"precision\":\"q9\"")) {
            Files.writeString(folder.resolve("settings.json"), """
                    {"sampling":{"temperature":0.6,"topP":0.95,"topK":0,"minP":0.0,"repetitionPenalty":1.0,
                     "presencePenalty":0.0,"seed":42},"maxTokens":8192,"thinkingBudget":0,"systemPrompt":"",
                     "autoCollapse":false,"theme":"DARK","fontSize":14%s}""".formatted(precision));
            SettingsStore.Loaded loaded = new SettingsStore(folder).load();
            assertEquals(Optional.empty(), loaded.warning(), precision);
            assertEquals(PrecisionChoice.AUTO, loaded.settings().precisionChoice(), precision);
        }
    }

    @Test
    void aFileFromBeforeTheSeedChoiceDrawsAFreshSeedEachTime() throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("settings.json"), """
                {"sampling":{"temperature":0.6,"topP":0.95,"topK":0,"minP":0.0,"repetitionPenalty":1.0,
                 "presencePenalty":0.0,"seed":42},"maxTokens":8192,"thinkingBudget":0,"systemPrompt":"",
                 "autoCollapse":false,"theme":"DARK","fontSize":14}""");
        SettingsStore.Loaded loaded = new SettingsStore(folder).load();
        assertEquals(Optional.empty(), loaded.warning());
        assertEquals(SeedMode.RANDOM, loaded.settings().seedMode());
        assertEquals(Theme.DARK, loaded.settings().theme());
        assertEquals(null, loaded.settings().window());
    }

    @Test
    void resetToR1DefaultsKeepsTheLookAndPrompt() {
        AppSettings custom = new AppSettings(new SamplingSettings(1.3, 0.5, 40, 0.05, 1.0, 0.0, 7), 99, 300,
                "Be brief.", false, Theme.DARK, 17);
        AppSettings reset = custom.withR1Generation();
        assertEquals(SamplingSettings.r1Defaults(), reset.sampling());
        assertEquals(AppSettings.DEFAULT_MAX_TOKENS, reset.maxTokens());
        assertEquals(0, reset.thinkingBudget());
        assertEquals("Be brief.", reset.systemPrompt());
        assertEquals(Theme.DARK, reset.theme());
    }

    @Test
    void invalidValueMovesTheFileAsideNamesTheValueAndKeepsTheOtherSettings() throws IOException {
        SettingsStore store = new SettingsStore(folder, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")));
        AppSettings mine = new AppSettings(SamplingSettings.r1Defaults().withSeed(7), SeedMode.FIXED, 4096, 512,
                "Answer in French.", false, Theme.DARK, 18, null);
        store.save(mine);
        String valid = Files.readString(store.file());
        assertTrue(valid.contains("\"temperature\" : 0.6") && valid.contains("\"maxTokens\" : 4096"), valid);
        Files.writeString(store.file(), valid.replace("\"temperature\" : 0.6", "\"temperature\" : -1")
                .replace("\"maxTokens\" : 4096", "\"maxTokens\" : -5"));
        SettingsStore.Loaded loaded = store.load();
        String warning = loaded.warning().orElseThrow().message();
        assertTrue(warning.contains("temperature must be >= 0"), warning);
        assertTrue(warning.contains("keeping its other settings, with the defaults for sampling.temperature, maxTokens"),
                warning);
        AppSettings expected = new AppSettings(SamplingSettings.r1Defaults().withSeed(7), SeedMode.FIXED,
                AppSettings.DEFAULT_MAX_TOKENS, 512, "Answer in French.", false, Theme.DARK, 18, null);
        assertEquals(expected, loaded.settings());
        assertTrue(Files.exists(folder.resolve("settings.json.corrupt-20260301-000000")), "the file as it was is kept");
    }

    @Test
    void aConversationListWidthOutOfRangeIsResetAndItsHiddenStateKept() throws IOException {
        SettingsStore store = new SettingsStore(folder, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")));
        store.save(AppSettings.defaults().withConversationList(new ConversationListLayout(true, 320)));
        String valid = Files.readString(store.file());
        assertTrue(valid.contains("\"width\" : 320.0"), valid);
        Files.writeString(store.file(), valid.replace("\"width\" : 320.0", "\"width\" : 12.0"));
        SettingsStore.Loaded loaded = store.load();
        String warning = loaded.warning().orElseThrow().message();
        assertTrue(warning.contains("conversation list width must be 0 (the window's choice) or 250 to 4000 px, got 12.0")
                && warning.contains("with the defaults for conversationList.width"), warning);
        assertEquals(new ConversationListLayout(true, 0), loaded.settings().conversationList());

        // A file from before the list's layout was kept: shown, at the window's width, no warning.
        Files.writeString(store.file(), valid.replaceAll("(?s),\\s*\"conversationList\"\\s*:\\s*\\{[^}]*}", ""));
        assertFalse(Files.readString(store.file()).contains("conversationList"));
        SettingsStore.Loaded older = store.load();
        assertTrue(older.warning().isEmpty(), older.warning().toString());
        assertEquals(ConversationListLayout.defaults(), older.settings().conversationList());
    }

    @Test
    void aFileHoldingNullIsDamagedNotEmptySettings() throws IOException {
        SettingsStore store = new SettingsStore(folder, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")));
        Files.writeString(store.file(), "null");
        SettingsStore.Loaded loaded = store.load();
        assertEquals(AppSettings.defaults(), loaded.settings());
        assertTrue(loaded.warning().orElseThrow().message().contains("holds null"), loaded.warning().toString());
        assertTrue(Files.exists(folder.resolve("settings.json.corrupt-20260301-000000")));
    }
}

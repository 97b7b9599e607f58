package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.generate.SamplingSettings;

/** Settings that are not numbers (NaN, ±Infinity) are refused as out-of-range ones are. */
class SettingsValidationTest {

    @TempDir
    Path folder;

    @Test
    void aFontSizeThatIsNotANumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AppSettings(SamplingSettings.r1Defaults(), 8192, 0, "",
                true, Theme.LIGHT, Double.NaN));
    }

    @Test
    void samplingValuesThatAreNotFiniteAreRefused() {
        for (SamplingSettings sampling : List.of(
                new SamplingSettings(Double.POSITIVE_INFINITY, 0.95, 0, 0, 1, 0, 1),
                new SamplingSettings(0.6, 0.95, 0, 0, Double.POSITIVE_INFINITY, 0, 1),
                new SamplingSettings(0.6, 0.95, 0, 0, 1, Double.NaN, 1),
                new SamplingSettings(0.6, 0.95, 0, 0, 1, Double.NEGATIVE_INFINITY, 1))) {
            assertThrows(IllegalArgumentException.class, () -> new AppSettings(sampling, 8192, 0, "", true,
                    Theme.LIGHT, 14), sampling.toString());
        }
    }

    @Test
    void aSettingsFileWithValuesThatAreNotNumbersGivesAWarning() throws IOException {
        for (String[] values : List.of(new String[] {"\"Infinity\"", "0.0", "14"}, new String[] {"1e400", "0.0", "14"},
                new String[] {"0.6", "\"NaN\"", "14"}, new String[] {"0.6", "\"-Infinity\"", "14"},
                new String[] {"0.6", "0.0", "\"NaN\""})) {
            Files.writeString(folder.resolve("settings.json"), """
                    {"sampling":{"temperature":%s,"topP":0.95,"topK":0,"minP":0.0,"repetitionPenalty":1.0,
                     "presencePenalty":%s,"seed":42},"maxTokens":8192,"thinkingBudget":0,"systemPrompt":"",
                     "autoCollapse":false,"theme":"DARK","fontSize":%s}""".formatted((Object[]) values));
            SettingsStore.Loaded loaded = new SettingsStore(folder).load();
            assertTrue(loaded.warning().isPresent(), String.join(", ", values) + " -> " + loaded.settings());
            AppSettings kept = loaded.settings();
            assertTrue(Double.isFinite(kept.sampling().temperature()) && Double.isFinite(kept.sampling().presencePenalty())
                    && Double.isFinite(kept.fontSize()), kept.toString());
            assertEquals(Theme.DARK, kept.theme(), "the valid settings are kept");
            assertEquals(42, kept.sampling().seed());
        }
    }
}

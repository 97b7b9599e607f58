package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorLayoutStoreTest {

    @TempDir
    Path config;

    @Test
    void aSavedLayoutLoadsBackAndAMissingFileGivesTheDefaults() throws Exception {
        InspectorLayoutStore store = new InspectorLayoutStore(config);
        assertEquals(InspectorLayout.defaults(), store.load().layout());
        store.save(new InspectorLayout(true, 515));
        InspectorLayoutStore.Loaded loaded = new InspectorLayoutStore(config).load();
        assertEquals(new InspectorLayout(true, 515), loaded.layout());
        assertTrue(loaded.warning().isEmpty());
    }

    @Test
    void aDamagedFileGivesTheDefaultsAndAWarningNamingTheValue() throws Exception {
        Files.writeString(config.resolve("inspector.json"), "{\"open\": true, \"width\": 12}");
        InspectorLayoutStore.Loaded loaded = new InspectorLayoutStore(config).load();
        assertEquals(InspectorLayout.defaults(), loaded.layout());
        String warning = loaded.warning().orElseThrow().message();
        assertTrue(warning.contains("240 to 4000") && warning.contains("12"), warning);
    }

    @Test
    void aFileHoldingNullGivesTheDefaultsAndAWarning() throws Exception {
        Files.writeString(config.resolve("inspector.json"), "null");
        InspectorLayoutStore.Loaded loaded = new InspectorLayoutStore(config).load();
        assertEquals(InspectorLayout.defaults(), loaded.layout());
        assertTrue(loaded.warning().orElseThrow().message().contains("holds null"), loaded.warning().toString());
    }

    @Test
    void widthsAreClampedWhenSetAndRejectedWhenBuilt() {
        assertEquals(240, InspectorLayout.defaults().withWidth(10).width());
        assertEquals(4000, InspectorLayout.defaults().withWidth(1e9).width());
        assertThrows(IllegalArgumentException.class, () -> new InspectorLayout(true, Double.NaN));
    }
}

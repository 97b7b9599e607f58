package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AppSettings;

/** The settings form refuses what the command line refuses: NaN, Infinity and numbers too large for a double. */
class SettingsDialogValidationTest {

    @Test
    void aTemperatureThatIsNotFiniteIsRefusedAndNamed() {
        for (String typed : new String[] {"Infinity", "1e309", "NaN"}) {
            SettingsViewModel vm = new SettingsViewModel(AppSettings.defaults());
            vm.temperatureProperty().set(typed);
            assertEquals(Optional.empty(), vm.toSettings(), typed);
            assertTrue(vm.errorProperty().get().startsWith("Temperature: '" + typed + "' is not a number"),
                    vm.errorProperty().get());
        }
    }

    @Test
    void aFontSizeThatIsNotANumberIsRefused() {
        SettingsViewModel vm = new SettingsViewModel(AppSettings.defaults());
        vm.fontSizeProperty().set("NaN");
        assertEquals(Optional.empty(), vm.toSettings());
        assertTrue(vm.errorProperty().get().startsWith("Font size"), vm.errorProperty().get());
    }
}

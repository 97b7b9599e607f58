package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.testing.ScriptedGenerator;

/** Settings → Model precision: Auto at first, saved when changed, and the model in use loaded again in it. */
@ExtendWith(ApplicationExtension.class)
class PrecisionSettingTest extends DesktopTestBase {

    /** One model load: the folder and the precision it was asked for, and what it gave. */
    private record Load(Path folder, PrecisionChoice precision, ScriptedGenerator generator) {
    }

    private final List<Load> loads = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    @Test
    void choosingAnotherPrecisionSavesItAndReloadsTheModelInIt() throws Exception {
        Path folder = Files.createDirectories(home.resolve("model"));
        MainViewModel vm = fx(() -> openWindowWithoutModel(stage, (path, precision, progress) -> {
            ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of(), List.of("ok"));
            loads.add(new Load(path, precision, generator));
            return ModelLoader.Opened.of(generator);
        }));
        fx(() -> {
            vm.openModel(folder);
            return null;
        });
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        assertEquals(PrecisionChoice.AUTO, loads.getFirst().precision(), "Auto by default");

        press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitUntil(() -> lookup(".settings-form .precision").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ChoiceBox<PrecisionChoice> choice = fx(() -> lookup(".settings-form .precision").queryAs(ChoiceBox.class));
        assertEquals(PrecisionChoice.all(), fx(() -> List.copyOf(choice.getItems())), "Auto and every precision");
        assertEquals(PrecisionChoice.AUTO, fx(choice::getValue));
        PrecisionChoice int8 = PrecisionChoice.of(ComputePrecision.INT8);
        fx(() -> {
            choice.setValue(int8);
            return null;
        });
        clickOn(fx(() -> lookup(".button").match(n -> n instanceof Button b && "OK".equals(b.getText()))
                .queryButton()));

        waitUntil(() -> loads.size() == 2 && vm.stateProperty().get() == AppState.READY);
        assertEquals(new Load(folder, int8, loads.get(1).generator()), loads.get(1), "the same folder, in INT8");
        assertTrue(loads.getFirst().generator().isClosed(), "the model loaded before is released");
        assertFalse(loads.get(1).generator().isClosed());
        assertEquals("int8", new SettingsStore(home.resolve("config")).load().settings().precision());

        fx(() -> {
            vm.applySettings(vm.settingsProperty().get().withTheme(org.thinktrace.chat.Theme.DARK));
            return null;
        });
        assertEquals(2, loads.size(), "settings that keep the precision load nothing again");
    }
}

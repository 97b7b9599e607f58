package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.model.FileReadFailure;
import org.thinktrace.model.ModelLoadException;
import org.thinktrace.model.SafetensorsCheckpoint;

/** Odd files where a model file should be get a message that says what the path is, not "no weights". */
class WeakMessagesTest {

    private static final Path BUNDLED = Path.of("models/thinktrace-r1-tiny");

    @TempDir
    Path folder;

    private void copyTextFiles() throws IOException {
        for (String name : List.of("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(BUNDLED.resolve(name), folder.resolve(name));
        }
    }

    private String onlyProblem() {
        List<String> problems = ModelFolder.problems(folder, true);
        assertEquals(1, problems.size(), problems.toString());
        return problems.getFirst();
    }

    @Test
    void aFolderNamedModelSafetensorsIsCalledAFolder() throws IOException {
        copyTextFiles();
        Files.createDirectory(folder.resolve("model.safetensors"));
        assertEquals("model.safetensors is a folder, not a file.", onlyProblem());
    }

    @Test
    void aSymbolicLinkLoopIsCalledOne() throws IOException {
        copyTextFiles();
        Path link = folder.resolve("model.safetensors");
        Files.createSymbolicLink(link, link.getFileName());
        assertEquals("model.safetensors is a symbolic link that loops or leads nowhere.", onlyProblem());
    }

    @Test
    void aNamedPipeIsCalledOne() throws IOException, InterruptedException {
        copyTextFiles();
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", folder.resolve("model.safetensors").toString()).start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available here");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        assertEquals("model.safetensors is not a regular file (a named pipe, socket or device).", onlyProblem());
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws IOException {
        assertEquals("permission denied", FileReadFailure.describe(new AccessDeniedException("/m/model.safetensors")));
        Path weights = Files.copy(BUNDLED.resolve("model.safetensors"), folder.resolve("model.safetensors"));
        Assumptions.assumeTrue(weights.toFile().setReadable(false, false) && !Files.isReadable(weights),
                "this user can read any file (root)");
        ModelLoadException error = assertThrows(ModelLoadException.class, () -> SafetensorsCheckpoint.open(folder));
        assertTrue(error.getMessage().contains("permission denied"), error.getMessage());
    }

    @Test
    void anIndexWithAnEmptyWeightMapSaysSo() throws IOException {
        Files.writeString(folder.resolve("model.safetensors.index.json"), "{\"metadata\": {}, \"weight_map\": {}}");
        ModelLoadException error = assertThrows(ModelLoadException.class, () -> SafetensorsCheckpoint.open(folder));
        assertTrue(error.getMessage().contains("\"weight_map\" lists no tensors"), error.getMessage());
    }

    @Test
    void aNegativeThinkingBudgetInSettingsIsRefused() throws IOException {
        SettingsStore store = new SettingsStore(folder);
        store.save(AppSettings.defaults());
        String json = Files.readString(store.file());
        Files.writeString(store.file(), json.replaceFirst("\"thinkingBudget\"\\s*:\\s*0", "\"thinkingBudget\" : -5"));
        assertTrue(Files.readString(store.file()).contains("-5"), "the test edits the budget");
        SettingsStore.Loaded loaded = store.load();
        assertEquals(0, loaded.settings().thinkingBudget());
        assertTrue(loaded.warning().orElseThrow().message().contains("thinking budget must be 0 (none) or more tokens, got -5"),
                loaded.warning().toString());
    }
}

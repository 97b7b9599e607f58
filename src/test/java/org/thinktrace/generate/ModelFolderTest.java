package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFolderAndAFileAreNamedAsSuch() throws IOException {
        assertEquals(List.of("the folder does not exist"), ModelFolder.problems(dir.resolve("nope"), true));
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertEquals(List.of("it is a file, not a folder"), ModelFolder.problems(file, true));
    }

    @Test
    void anEmptyFolderListsEveryMissingPiece() {
        List<String> problems = ModelFolder.problems(dir, true);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("config.json is missing"));
        assertTrue(problems.get(1).startsWith("tokenizer.json is missing"));
        assertTrue(problems.get(2).startsWith("no weights"));
        assertEquals(2, ModelFolder.problems(dir, false).size(), "weights are not needed for prompts only");
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> ModelFolder.check(dir, true));
        assertTrue(e.getMessage().contains("tokenizer.json is missing"), e.getMessage());
        assertEquals(problems, e.problems());
    }

    @Test
    void pickleOnlyWeightsAreRefusedWithTheReason() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("pytorch_model.bin"), "");
        List<String> problems = ModelFolder.problems(dir, true);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("pickle") && problems.get(0).contains("safetensors"), problems.get(0));
    }

    @Test
    void aCompleteFolderHasNoProblems() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("model-00001-of-00002.safetensors"), "");
        assertEquals(List.of(), ModelFolder.problems(dir, true));
    }

    @Test
    void loadingAFolderWithABrokenConfigNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{ not json");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("model.safetensors"), "");
        ModelFolderException e = assertThrows(ModelFolderException.class,
                () -> ModelBundle.load(dir, ModelBundle.Options.defaults(), ModelBundle.Progress.NONE));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }
}

package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheOption() {
        assertEquals(2, run("train"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out DIR is required"));
        assertEquals(2, run("train", "--out", "x", "--steps", "ten"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--steps must be a whole number, got 'ten'"));
        assertEquals(2, run("train", "--out", "x", "--recipe", "huge"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--recipe must be one of [shipped, fortieth-edition, thirty-ninth-edition, thirty-eighth-edition, thirty-seventh-edition, thirty-sixth-edition, thirty-fifth-edition, thirty-fourth-edition, thirty-third-edition, thirty-second-edition, thirty-first-edition, thirtieth-edition, twenty-ninth-edition, twenty-eighth-edition, twenty-seventh-edition, twenty-sixth-edition, twenty-fifth-edition, twenty-fourth-edition, twenty-third-edition, twenty-second-edition, twenty-first-edition, twentieth-edition, nineteenth-edition, eighteenth-edition, seventeenth-edition, sixteenth-edition, fifteenth-edition, fourteenth-edition, thirteenth-edition, twelfth-edition, eleventh-edition, tenth-edition, ninth-edition, eighth-edition, seventh-edition, sixth-edition, fifth-edition, fourth-edition, third-edition, second-edition, first-edition, smoke], got 'huge'"));
        assertEquals(2, run("train", "--out"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out needs a value"));
    }

    /** The help lists every recipe {@code --recipe} accepts, taken from the recipes themselves. */
    @Test
    void helpListsEveryRecipe() {
        assertEquals(0, run("train", "--help"));
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        for (org.thinktrace.train.TrainingRecipe recipe : org.thinktrace.train.TrainingRecipe.all()) {
            assertTrue(help.contains(recipe.id()), recipe.id() + " missing from " + help);
        }
        assertTrue(help.contains("fortieth-edition, thirty-ninth-edition, thirty-eighth-edition, thirty-seventh-edition,"), help);
        assertTrue(help.contains("(default shipped)"), help);
    }

    @Test
    void smokeRecipeWritesAHuggingFaceModelFolder(@TempDir Path dir) {
        assertEquals(0, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "4", "--threads", "1"),
                () -> err.toString(StandardCharsets.UTF_8));
        for (String file : new String[] {"config.json", "generation_config.json", "model.safetensors", "tokenizer.json",
                "tokenizer_config.json", "README.md"}) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file + " missing");
        }
        assertFalse(Files.exists(dir.resolve("checkpoint")), "checkpoint should be removed after the export");
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("step 4/4"), log);
        assertTrue(log.contains("tok/s") && log.contains("left"), log);
    }

    @Test
    void pausedRunKeepsItsCheckpointAndResumesWhereItStopped(@TempDir Path dir) {
        assertEquals(0, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "5", "--pause-after", "2",
                "--threads", "1"), () -> err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(dir.resolve("checkpoint/trainer-state.json")));
        assertFalse(Files.exists(dir.resolve("model.safetensors")), "a paused run exports nothing");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("paused after step 2 of 5"));
        assertEquals(2, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "5", "--threads", "1"));
        out.reset();
        assertEquals(0, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "5", "--resume",
                "--threads", "1"), () -> err.toString(StandardCharsets.UTF_8));
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("resuming after step 2"), log);
        assertFalse(log.contains("step 2/5 "), log);
        assertTrue(log.contains("step 3/5 ") && log.contains("step 5/5 "), log);
        assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")));
        assertFalse(Files.exists(dir.resolve("checkpoint")));
    }

    @Test
    void aRunOfAnotherSeedResumesOnlyWithThatSeedAndItsCardNamesIt(@TempDir Path dir) throws IOException {
        assertEquals(0, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "4", "--pause-after", "2",
                "--seed", "7", "--threads", "1"), () -> err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("checkpoint/trainer-state.json")).contains("\"seed\":7"));
        assertEquals(2, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "4", "--resume",
                "--threads", "1"));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains("was trained with seed 7") && error.contains("resume it with --seed 7"), error);
        assertEquals(0, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "4", "--resume",
                "--seed", "7", "--threads", "1"), () -> err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("README.md")).contains("seed 7."), "the model card names the seed");
        assertEquals(2, run("train", "--out", dir.resolve("other").toString(), "--seed", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--seed"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesToOverwriteAnUnfinishedRunWithoutResume(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("checkpoint"));
        Files.writeString(dir.resolve("checkpoint/trainer-state.json"), "{\"step\": 3}");
        assertEquals(2, run("train", "--out", dir.toString(), "--recipe", "smoke", "--threads", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("pass --resume"));
    }
}

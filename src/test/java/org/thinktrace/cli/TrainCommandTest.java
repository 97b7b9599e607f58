package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--recipe must be one of [shipped, forty-fifth-edition, forty-fourth-edition, forty-third-edition, forty-second-edition, forty-first-edition, fortieth-edition-averaged, fortieth-edition, thirty-ninth-edition, thirty-eighth-edition, thirty-seventh-edition, thirty-sixth-edition, thirty-fifth-edition, thirty-fourth-edition, thirty-third-edition, thirty-second-edition, thirty-first-edition, thirtieth-edition, twenty-ninth-edition, twenty-eighth-edition, twenty-seventh-edition, twenty-sixth-edition, twenty-fifth-edition, twenty-fourth-edition, twenty-third-edition, twenty-second-edition, twenty-first-edition, twentieth-edition, nineteenth-edition, eighteenth-edition, seventeenth-edition, sixteenth-edition, fifteenth-edition, fourteenth-edition, thirteenth-edition, twelfth-edition, eleventh-edition, tenth-edition, ninth-edition, eighth-edition, seventh-edition, sixth-edition, fifth-edition, fourth-edition, third-edition, second-edition, first-edition, smoke], got 'huge'"));
        assertEquals(2, run("train", "--out"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out needs a value"));
        assertEquals(2, run("train", "--out", "x", "--recipe", "smoke", "--average-from", "10"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--average-from needs --averages-out"));
        assertEquals(2, run("train", "--out", "x", "--recipe", "smoke", "--averages-out", "y"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--averages-out needs --average-from"));
        assertEquals(2, run("train", "--out", "x", "--recipe", "smoke", "--average-from", "31", "--averages-out", "y"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--average-from must name steps from 1 to the run's 30, got 31"));
        assertEquals(2, run("train", "--out", "x", "--recipe", "smoke", "--average-from", "3,3", "--averages-out", "y"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--average-from names a step twice: [3, 3]"));
    }

    /** The help lists every recipe {@code --recipe} accepts, taken from the recipes themselves. */
    @Test
    void helpListsEveryRecipe() {
        assertEquals(0, run("train", "--help"));
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        for (org.thinktrace.train.TrainingRecipe recipe : org.thinktrace.train.TrainingRecipe.all()) {
            assertTrue(help.contains(recipe.id()), recipe.id() + " missing from " + help);
        }
        assertTrue(help.contains("forty-fifth-edition, forty-fourth-edition, forty-third-edition, forty-second-edition, forty-first-edition, fortieth-edition-averaged, fortieth-edition, thirty-ninth-edition,"), help);
        assertTrue(help.contains("(default shipped)"), help);
    }

    /**
     * The model folder holds the last step's weights; each weight average is a model folder of its own beside it, with
     * the same config and tokenizer, and the average of the last step alone is those weights to the byte.
     */
    @Test
    void smokeRecipeWritesAHuggingFaceModelFolderAndItsWeightAverages(@TempDir Path dir) throws IOException {
        Path averages = dir.resolve("averages");
        Path model = dir.resolve("model");
        assertEquals(0, run("train", "--out", model.toString(), "--recipe", "smoke", "--steps", "4", "--threads", "1",
                "--average-from", "2,4", "--averages-out", averages.toString()), () -> err.toString(StandardCharsets.UTF_8));
        for (String file : new String[] {"config.json", "generation_config.json", "model.safetensors", "tokenizer.json",
                "tokenizer_config.json", "README.md"}) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file + " missing");
        }
        assertFalse(Files.exists(model.resolve("checkpoint")), "checkpoint should be removed after the export");
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("step 4/4"), log);
        assertTrue(log.contains("tok/s") && log.contains("left"), log);
        for (String start : new String[] {"2", "4"}) {
            Path averaged = averages.resolve("from-step-" + start);
            assertTrue(log.contains("weights averaged over steps " + start + " to 4 exported to " + averaged), log);
            for (String file : new String[] {"config.json", "tokenizer.json", "tokenizer_config.json"}) {
                assertEquals(Files.readString(model.resolve(file)), Files.readString(averaged.resolve(file)), file);
            }
        }
        byte[] last = Files.readAllBytes(model.resolve("model.safetensors"));
        assertArrayEquals(last, Files.readAllBytes(averages.resolve("from-step-4/model.safetensors")));
        assertFalse(Arrays.equals(last, Files.readAllBytes(averages.resolve("from-step-2/model.safetensors"))),
                "the average of steps 2 to 4 is not the last step's weights");
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

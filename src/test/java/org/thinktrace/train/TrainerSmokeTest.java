package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.generate.EncodedPrompt;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.generate.ModelText;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.DecoderWeights;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.model.SafetensorsCheckpoint;
import org.thinktrace.model.TensorData;
import org.thinktrace.model.TensorDataType;
import org.thinktrace.text.ChatTurn;

/**
 * Training a toy Qwen2 model on teacher traces: the loss falls clearly in 30 steps, a resumed run
 * ends where an uninterrupted one does, the export loads through the real checkpoint path, and
 * data-parallel steps ({@link ShardedBackward}) follow the undivided batch up to rounding and are
 * bit-for-bit reproducible whichever worker finishes first.
 */
class TrainerSmokeTest {

    private static final TrainingListener QUIET = report -> { };

    @TempDir
    static Path modelDir;
    private static DjlRuntime runtime;
    private static NDManager manager;
    private static List<TrainingExample> examples;
    private static ModelConfig config;
    private static int padId;

    @BeforeAll
    static void prepare() throws IOException {
        runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(1));
        runtime.prepareTrainingThread();
        manager = runtime.newManager();
        TrainingRecipe recipe = TrainingRecipe.smoke();
        List<Problem> problems = Teacher.of(TeacherEdition.SECOND).trainingSet(recipe.problems(), recipe.dataSeed());
        BpeModel bpe = TokenizerTrainer.train(problems.stream().map(R1ChatFormat::conversation).toList(), recipe.vocabSize());
        config = recipe.modelConfig(bpe.vocab().size());
        TokenizerFiles.write(modelDir, bpe, config.maxPositionEmbeddings());
        try (ExampleEncoder encoder = new ExampleEncoder(modelDir)) {
            examples = encoder.encodeAll(problems, config.maxPositionEmbeddings());
        }
        padId = config.eosTokenIds().get(0);
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    @Test
    void lossFallsClearlyInThirtySteps() throws IOException {
        TrainingSettings settings = TrainingRecipe.smoke().settings();
        assertEquals(30, settings.steps());
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 1, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager)) {
            List<StepReport> reports = trainer.train(settings.steps(), null, QUIET);
            assertEquals(30, reports.size());
            double first = reports.get(0).loss();
            double last = reports.subList(25, 30).stream().mapToDouble(StepReport::loss).average().orElseThrow();
            assertEquals(Math.log(config.vocabSize()), first, 0.3, "an untrained model predicts about uniformly");
            assertTrue(last < 0.75 * first, "loss fell only from " + first + " to " + last);
        }
    }

    /**
     * With two workers the restored weights must reach the second worker's replica too: it shares
     * the parameters' memory, so a restore that gives a parameter new memory instead of writing
     * into its own leaves that worker training the fresh random weights. The weight averages
     * from steps 2 and 5 are the mean of the weights after each step from there on, computed
     * here from the weights themselves, and a resumed run continues them from its checkpoint.
     */
    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 2})
    void resumedTrainingEndsWhereUninterruptedTrainingEnds(int workers, @TempDir Path checkpoints) throws IOException {
        TrainingSettings settings = new TrainingSettings(6, 512, 3e-3, 3e-4, 2, 0.1f, 1.0f, 5L, 3, workers);
        List<Integer> averageFrom = List.of(2, 5);
        Map<String, float[]> straight;
        Map<Integer, Map<String, float[]>> straightAverages = new TreeMap<>();
        List<StepReport> straightReports;
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 2, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager, averageFrom)) {
            List<Map<String, float[]>> afterEachStep = new ArrayList<>();
            straightReports = trainer.train(6, null, report -> afterEachStep.add(weights.toFloatArrays()));
            straight = weights.toFloatArrays();
            for (int start : averageFrom) {
                straightAverages.put(start, floats(trainer.averagedWeights(start, TensorDataType.F32)));
                assertClose(naiveMean(afterEachStep.subList(start - 1, 6)), straightAverages.get(start), 1e-6f,
                        "average from step " + start);
            }
        }
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 2, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager, averageFrom)) {
            trainer.train(3, checkpoints, QUIET);
            assertThrows(IllegalStateException.class, () -> trainer.averagedWeights(5, TensorDataType.F32),
                    "the average from step 5 has not begun after 3 steps");
        }
        assertTrue(Files.isRegularFile(checkpoints.resolve("checkpoint/model.safetensors")));
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 99, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager, averageFrom)) {
            assertEquals(3, trainer.restore(checkpoints));
            List<StepReport> rest = trainer.train(100, checkpoints, QUIET);
            assertEquals(3, rest.size());
            assertEquals(6, rest.get(2).step());
            for (int i = 0; i < rest.size(); i++) {
                float expected = straightReports.get(3 + i).loss();
                assertEquals(expected, rest.get(i).loss(), 1e-5f * expected, "loss of step " + rest.get(i).step());
            }
            assertClose(straight, weights.toFloatArrays(), 1e-5f, "weights");
            for (int start : averageFrom) {
                assertClose(straightAverages.get(start), floats(trainer.averagedWeights(start, TensorDataType.F32)),
                        1e-5f, "average from step " + start);
            }
        }
    }

    /**
     * A checkpoint of a run without averages resumes with an average that begins after its step, and is refused, with
     * the step named, for one that would have begun by then.
     */
    @Test
    void aCheckpointResumesOnlyWithTheAveragesItKeeps(@TempDir Path checkpoints) throws IOException {
        TrainingSettings settings = new TrainingSettings(4, 512, 3e-3, 3e-4, 1, 0.1f, 1.0f, 5L, 2, 1);
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 2, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager)) {
            trainer.train(2, checkpoints, QUIET);
        }
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 2, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager, List.of(1))) {
            CheckpointAveragesException refused = assertThrows(CheckpointAveragesException.class,
                    () -> trainer.restore(checkpoints));
            assertTrue(refused.getMessage().contains("at step 2") && refused.getMessage().contains("from step 1"),
                    refused.getMessage());
        }
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 2, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager, List.of(3))) {
            assertEquals(2, trainer.restore(checkpoints));
            trainer.train(10, null, QUIET);
            assertEquals(List.of(3), trainer.averageStarts());
            assertEquals(weights.toFloatArrays().keySet(), trainer.averagedWeights(3, TensorDataType.F32).keySet());
        }
        assertThrows(IllegalArgumentException.class, () -> new Trainer(null, examples, settings, padId, manager,
                List.of(5)), "an average must begin within the run's 4 steps");
    }

    /**
     * A recipe that averages the last two fifths of its 5 steps exports the average of the weights after steps 3 to 5:
     * the same bytes as that average exported beside it, not the last step's weights, and its card says so.
     */
    @Test
    void aRecipeThatAveragesItsTailExportsThatAverage(@TempDir Path dir) throws IOException {
        TrainingRecipe recipe = TrainingRecipe.smoke().withSteps(5).withAveragedTail(0.4f);
        assertEquals(3, recipe.exportedAverageFrom());
        Path model = dir.resolve("model");
        Path averages = dir.resolve("averages");
        try {
            new TrainingRun(recipe, model, new PrintStream(OutputStream.nullOutputStream()),
                    List.of(3, 5), averages).execute(false, runtime);
        } finally {
            runtime.prepareTrainingThread();
        }
        byte[] exported = Files.readAllBytes(model.resolve("model.safetensors"));
        assertArrayEquals(exported, Files.readAllBytes(averages.resolve("from-step-3/model.safetensors")));
        assertFalse(Arrays.equals(exported, Files.readAllBytes(averages.resolve("from-step-5/model.safetensors"))),
                "the last step's weights are not the average");
        String card = Files.readString(model.resolve("README.md"));
        assertTrue(card.contains("The weights are the uniform average of those after steps 3 to 5."), card);
    }

    /** The element-wise mean of {@code snapshots}, in double precision. */
    private static Map<String, float[]> naiveMean(List<Map<String, float[]>> snapshots) {
        Map<String, float[]> mean = new LinkedHashMap<>();
        snapshots.get(0).forEach((key, first) -> {
            float[] out = new float[first.length];
            for (int i = 0; i < out.length; i++) {
                double sum = 0;
                for (Map<String, float[]> snapshot : snapshots) {
                    sum += snapshot.get(key)[i];
                }
                out[i] = (float) (sum / snapshots.size());
            }
            mean.put(key, out);
        });
        return mean;
    }

    private static Map<String, float[]> floats(Map<String, TensorData> tensors) {
        Map<String, float[]> out = new LinkedHashMap<>();
        tensors.forEach((key, tensor) -> out.put(key, tensor.values()));
        return out;
    }

    private static void assertClose(Map<String, float[]> expected, Map<String, float[]> actual, float tolerance,
                                    String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((key, values) -> {
            float[] got = actual.get(key);
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], got[i], tolerance, what + ": " + key + "[" + i + "]");
            }
        });
    }

    @Test
    void exportLoadsThroughTheCheckpointPathAndPredictsLikeTheTrainedWeights(@TempDir Path export) throws IOException {
        int[] prompt = examples.get(0).ids();
        float[] expected;
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 3, 0.2f)) {
            ModelExport.write(export, weights, TeacherEdition.SECOND);
            try (Decoder original = new Decoder(DecoderWeights.fromFloatArrays(config, manager, weights.toFloatArrays()), 512)) {
                runtime.prepareInferenceThread();
                expected = original.forward(prompt);
            }
        }
        ModelConfig loaded = ModelConfigLoader.load(export);
        assertEquals(config, loaded);
        assertEquals(TeacherEdition.SECOND, TeacherEdition.ofModel(export));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(export);
             Decoder reloaded = new Decoder(DecoderWeights.load(loaded, checkpoint, manager, LoadProgress.NONE), 512)) {
            float[] actual = reloaded.forward(prompt);
            double scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 0.05 * scale, "logit " + i + " after the BF16 round trip");
            }
            assertEquals(argmax(expected), argmax(actual));
        } finally {
            runtime.prepareTrainingThread();
        }
    }

    @Test
    void servingPipelineEncodesPromptsExactlyAsTrainingDid(@TempDir Path export) throws Exception {
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 4, 0.02f)) {
            ModelExport.write(export, weights, TeacherEdition.FIRST);
        }
        assertEquals(TeacherEdition.FIRST, TeacherEdition.ofModel(export), "a first-edition export records no edition");
        assertFalse(Files.readString(export.resolve("config.json")).contains(TeacherEdition.CONFIG_KEY));
        for (String file : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
            Files.copy(modelDir.resolve(file), export.resolve(file));
        }
        Teacher teacher = Teacher.of(TeacherEdition.SECOND);
        List<Problem> problems = Teacher.concat(teacher.evaluationSet(2, 6), teacher.followUpSet(8, 6));
        try (ModelText text = ModelSource.at(export).loadText(); ExampleEncoder encoder = new ExampleEncoder(export)) {
            for (Problem p : problems) {
                List<ChatTurn> turns = new ArrayList<>();
                for (Problem.Exchange earlier : p.context()) {
                    turns.add(ChatTurn.user(earlier.question()));
                    turns.add(ChatTurn.assistant(earlier.response()));
                }
                turns.add(ChatTurn.user(p.question()));
                EncodedPrompt served = text.codec().encodeConversation(turns);
                TrainingExample trained = encoder.encode(p);
                assertEquals(R1ChatFormat.prompt(p), served.text());
                assertArrayEquals(Arrays.copyOf(trained.ids(), trained.promptLength()), served.ids(), p.question());
                assertTrue(served.startsInThinking());
                assertEquals(Set.of(config.eosTokenIds().get(0)), text.codec().eosIds());
            }
        }
    }

    @Test
    void twoWorkersFollowTheUndividedBatch() throws IOException {
        Trained one = train(1);
        Trained two = train(2);
        for (int s = 0; s < one.reports().size(); s++) {
            StepReport expected = one.reports().get(s);
            StepReport actual = two.reports().get(s);
            assertEquals(expected.loss(), actual.loss(), 1e-4 * expected.loss(), "loss of step " + (s + 1));
            assertEquals(expected.gradientNorm(), actual.gradientNorm(), 1e-3 * expected.gradientNorm(),
                    "gradient norm of step " + (s + 1));
        }
        one.weights().forEach((key, expected) -> {
            float[] actual = two.weights().get(key);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5f, key + "[" + i + "]");
            }
        });
    }

    @Test
    void shardedStepsAreReproducible() throws IOException {
        Trained first = train(3);
        Trained second = train(3);
        first.weights().forEach((key, values) -> assertArrayEquals(values, second.weights().get(key), key));
    }

    @Test
    void aBatchOfOneRowLeavesTheOtherWorkersIdle() throws IOException {
        TrainingExample longest = examples.stream().max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
        TrainingSettings settings = new TrainingSettings(2, longest.length(), 3e-3, 3e-4, 1, 0.1f, 1.0f, 7L, 0, 2);
        List<StepReport> sharded;
        List<StepReport> single;
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 8, 0.02f);
             Trainer trainer = new Trainer(weights, List.of(longest), settings, padId, manager)) {
            sharded = trainer.train(2, null, QUIET);
        }
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 8, 0.02f);
             Trainer trainer = new Trainer(weights, List.of(longest),
                     new TrainingSettings(2, longest.length(), 3e-3, 3e-4, 1, 0.1f, 1.0f, 7L, 0, 1), padId, manager)) {
            single = trainer.train(2, null, QUIET);
        }
        assertEquals(single.get(1).loss(), sharded.get(1).loss(), 1e-4 * single.get(1).loss());
        assertTrue(sharded.get(1).loss() < sharded.get(0).loss(), "one example is learnt over two steps");
    }

    /** The step reports and final weights of five steps with {@code workers} data-parallel workers. */
    private record Trained(List<StepReport> reports, Map<String, float[]> weights) {
    }

    private static Trained train(int workers) throws IOException {
        TrainingSettings settings = new TrainingSettings(5, 1024, 3e-3, 3e-4, 2, 0.1f, 1.0f, 5L, 0, workers);
        try (DecoderWeights weights = DecoderWeights.random(config, manager, 6, 0.02f);
             Trainer trainer = new Trainer(weights, examples, settings, padId, manager)) {
            List<StepReport> reports = trainer.train(settings.steps(), null, QUIET);
            return new Trained(reports, weights.toFloatArrays());
        }
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}

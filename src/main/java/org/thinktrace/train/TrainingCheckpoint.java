package org.thinktrace.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.thinktrace.model.SafetensorsCheckpoint;
import org.thinktrace.model.SafetensorsWriter;
import org.thinktrace.model.TensorData;
import org.thinktrace.model.TensorDataType;

/**
 * A resumable training state in {@code <dir>/checkpoint/}: {@code model.safetensors} (FP32 weights
 * under their checkpoint keys, the AdamW moments under {@code optimizer.m.*} and
 * {@code optimizer.v.*}, and any {@link WeightAverages weight average} from step {@code s} under
 * {@code average.s.*}) and {@code trainer-state.json} (steps done, and the seed of the weights' initialisation
 * and batch order). A new checkpoint is written
 * beside the old one and swapped in by renames, so an interrupted save leaves a readable state.
 */
final class TrainingCheckpoint {

    static final String FOLDER = "checkpoint";
    private static final String PARTIAL = "checkpoint.partial";
    private static final String PREVIOUS = "checkpoint.previous";
    private static final String STATE_FILE = "trainer-state.json";
    private static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String AVERAGE_PREFIX = "average.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A loaded state: steps done, the run's seed (null in a checkpoint that does not record it), weights by
     * checkpoint key, optimizer moments by {@link AdamW#state()} key, and weight averages by the step they begin at,
     * each by checkpoint key (none in a checkpoint of a run without averages).
     */
    record Saved(int step, Long seed, Map<String, float[]> weights, Map<String, float[]> optimizer,
                 Map<Integer, Map<String, float[]>> averages) {
    }

    private TrainingCheckpoint() {
    }

    /** Writes the state after {@code step} steps of a run of seed {@code seed}, with no weight averages. */
    static void save(Path dir, int step, long seed, Map<String, TensorData> weights, Map<String, float[]> optimizer)
            throws IOException {
        save(dir, step, seed, weights, optimizer, Map.of());
    }

    /**
     * Writes the state after {@code step} steps of a run of seed {@code seed}, with its weight averages by the step
     * they begin at ({@link WeightAverages#allValues()}).
     */
    static void save(Path dir, int step, long seed, Map<String, TensorData> weights, Map<String, float[]> optimizer,
                     Map<Integer, Map<String, float[]>> averages) throws IOException {
        Path partial = dir.resolve(PARTIAL);
        deleteTree(partial);
        Files.createDirectories(partial);
        Map<String, TensorData> tensors = new LinkedHashMap<>(weights);
        optimizer.forEach((key, values) -> {
            String parameter = key.substring(2);
            tensors.put(OPTIMIZER_PREFIX + key, new TensorData(TensorDataType.F32, weights.get(parameter).shape(), values));
        });
        averages.forEach((start, average) -> average.forEach((key, values) -> tensors.put(
                AVERAGE_PREFIX + start + "." + key, new TensorData(TensorDataType.F32, weights.get(key).shape(), values))));
        SafetensorsWriter.write(partial.resolve(SafetensorsWriter.SINGLE_FILE), tensors);
        JSON.writeValue(partial.resolve(STATE_FILE).toFile(), Map.of("step", step, "seed", seed));
        Path current = dir.resolve(FOLDER);
        Path previous = dir.resolve(PREVIOUS);
        deleteTree(previous);
        if (Files.exists(current)) {
            Files.move(current, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, current, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(previous);
    }

    /** Whether {@code dir} holds a complete checkpoint (without reading it). */
    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FOLDER).resolve(STATE_FILE))
                || Files.isRegularFile(dir.resolve(PREVIOUS).resolve(STATE_FILE));
    }

    /** The latest complete state in {@code dir}, if any. */
    static Optional<Saved> load(Path dir) throws IOException {
        for (String name : new String[] {FOLDER, PREVIOUS}) {
            Path folder = dir.resolve(name);
            if (Files.isRegularFile(folder.resolve(STATE_FILE))) {
                return Optional.of(read(folder));
            }
        }
        return Optional.empty();
    }

    private static Saved read(Path folder) throws IOException {
        JsonNode state = JSON.readTree(folder.resolve(STATE_FILE).toFile());
        if (!state.path("step").canConvertToInt()) {
            throw new IOException(folder.resolve(STATE_FILE) + ": field 'step' missing or not an integer");
        }
        JsonNode seed = state.path("seed");
        if (!seed.isMissingNode() && !seed.canConvertToLong()) {
            throw new IOException(folder.resolve(STATE_FILE) + ": field 'seed' is not an integer: " + seed);
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, float[]> optimizer = new LinkedHashMap<>();
        Map<Integer, Map<String, float[]>> averages = new LinkedHashMap<>();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            for (String name : checkpoint.tensorNames()) {
                float[] values = floats(checkpoint.readFloat32(name));
                if (name.startsWith(OPTIMIZER_PREFIX)) {
                    optimizer.put(name.substring(OPTIMIZER_PREFIX.length()), values);
                } else if (name.startsWith(AVERAGE_PREFIX)) {
                    String rest = name.substring(AVERAGE_PREFIX.length());
                    int dot = rest.indexOf('.');
                    if (dot < 1 || !rest.substring(0, dot).chars().allMatch(Character::isDigit) || dot > 9) {
                        throw new IOException(folder.resolve(SafetensorsWriter.SINGLE_FILE) + ": tensor '" + name
                                + "' is not named average.<step>.<parameter>");
                    }
                    averages.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), start -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), values);
                } else {
                    weights.put(name, values);
                }
            }
        }
        return new Saved(state.path("step").asInt(), seed.isMissingNode() ? null : seed.asLong(), weights, optimizer,
                averages);
    }

    /** Removes every checkpoint folder from {@code dir}. */
    static void delete(Path dir) throws IOException {
        for (String name : new String[] {FOLDER, PARTIAL, PREVIOUS}) {
            deleteTree(dir.resolve(name));
        }
    }

    private static float[] floats(ByteBuffer buffer) {
        float[] out = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(out);
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

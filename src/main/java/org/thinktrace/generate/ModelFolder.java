package org.thinktrace.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.model.ModelLoadException;
import org.thinktrace.model.PickleWeights;
import org.thinktrace.model.SafetensorsCheckpoint;

/**
 * Checks a folder for the files of a Hugging Face model before anything is loaded, so that every problem is
 * named at once (instead of the first failure of a long load), each with what to do about it: missing files,
 * a config.json or generation_config.json that cannot be read or is out of range, an optional file that is not a
 * readable file, weight files whose headers are damaged, pickle weights. Reads config.json, generation_config.json
 * and the safetensors headers only, never the weights.
 */
public final class ModelFolder {

    private ModelFolder() {
    }

    /** The problems of {@code folder}, empty when it looks complete. {@code needWeights}: the decoder will be loaded. */
    public static List<String> problems(Path folder, boolean needWeights) {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(folder)) return List.of("the folder does not exist");
        if (!Files.isDirectory(folder)) return List.of("it is a file, not a folder");
        ModelConfig config = null;
        if (requireFile(folder, "config.json", "the model's shapes (hidden_size, num_hidden_layers, …)", problems)) {
            config = checkConfig(folder, problems);
        }
        requireFile(folder, "tokenizer.json", "the vocabulary of a Hugging Face fast tokenizer", problems);
        optionalFile(folder, "tokenizer_config.json", "the chat template and the special tokens", problems);
        optionalFile(folder, "generation_config.json", "the end-of-sequence ids and sampling defaults", problems);
        if (needWeights) {
            List<String> odd = new ArrayList<>();
            for (String weights : List.of("model.safetensors", "model.safetensors.index.json")) {
                String wrong = notAReadableFile(folder.resolve(weights));
                if (wrong != null) odd.add(weights + " " + wrong + ".");
            }
            if (!odd.isEmpty()) {
                problems.addAll(odd);
            } else if (hasSafetensors(folder)) {
                checkWeightHeaders(folder, config, problems);
            } else {
                List<String> pickles = PickleWeights.filesIn(folder);
                problems.add(pickles.isEmpty()
                        ? "no weights: expected model.safetensors, model.safetensors.index.json with its shards,"
                        + " or other *.safetensors files."
                        + " Download the model's *.safetensors files into the folder."
                        : "only PyTorch pickle weights (" + String.join(", ", pickles) + ") are there; ThinkTrace"
                        + " reads safetensors only, because loading a pickle can run arbitrary code. "
                        + PickleWeights.conversionAdvice(folder, pickles));
            }
        }
        return problems;
    }

    private static ModelConfig checkConfig(Path folder, List<String> problems) {
        try {
            return ModelConfigLoader.load(folder);
        } catch (ModelLoadException e) {
            String file = e.file() == null || e.file().getFileName() == null
                    ? "config.json" : e.file().getFileName().toString();
            problems.add(sentence(e.getMessage()) + " Fix that field, or take " + file + " again from the model's"
                    + " Hugging Face repository.");
            return null;
        }
    }

    /** Reads the headers only, with the tensor cap of {@code config} when it could be read. */
    private static void checkWeightHeaders(Path folder, ModelConfig config, List<String> problems) {
        int maxTensors = config == null ? Integer.MAX_VALUE : Decoder.maxTensors(config);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder, maxTensors)) {
            if (checkpoint.tensorNames().isEmpty()) {
                problems.add(folder + ": the safetensors files hold no tensors. Download the weights again.");
            }
        } catch (ModelLoadException e) {
            problems.add(sentence(e.getMessage()) + " The file is damaged or incomplete: download it again.");
        }
    }

    /** Throws when {@link #problems} finds any. */
    public static void check(Path folder, boolean needWeights) throws ModelFolderException {
        List<String> problems = problems(folder, needWeights);
        if (!problems.isEmpty()) throw new ModelFolderException(folder, problems, null);
    }

    private static String sentence(String message) {
        String m = message == null ? "unreadable" : message.strip();
        return m.endsWith(".") ? m : m + ".";
    }

    /** Adds a problem when the file is missing or not a readable file; returns whether it is there. */
    private static boolean requireFile(Path folder, String name, String holds, List<String> problems) {
        Path file = folder.resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(name + " is missing (it holds " + holds + "). Copy it from the model's Hugging Face repository.");
            return false;
        }
        String wrong = notAReadableFile(file);
        if (wrong == null) return true;
        problems.add(name + " " + wrong + " (it holds " + holds + ").");
        return false;
    }

    /** Adds a problem when an optional file is there but cannot be read as a file (a missing one is fine). */
    private static void optionalFile(Path folder, String name, String holds, List<String> problems) {
        String wrong = notAReadableFile(folder.resolve(name));
        if (wrong != null) {
            problems.add(name + " " + wrong + " (it holds " + holds + "; it is optional: remove it, or copy it"
                    + " from the model's Hugging Face repository).");
        }
    }

    /**
     * What keeps {@code path} from being read as a file (a folder, a named pipe, a link that loops or leads
     * nowhere, no permission), or {@code null} when it is a readable regular file or absent.
     */
    static String notAReadableFile(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return null;
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            return "is a symbolic link that loops or leads nowhere";
        }
        if (Files.isDirectory(path)) return "is a folder, not a file";
        if (!Files.isRegularFile(path)) return "is not a regular file (a named pipe, socket or device)";
        if (!Files.isReadable(path)) return "cannot be read: permission denied";
        return null;
    }

    private static boolean hasSafetensors(Path folder) {
        return Files.isRegularFile(folder.resolve("model.safetensors.index.json")) || anyFile(folder, ".safetensors");
    }

    private static boolean anyFile(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(suffix));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(folder + ": cannot list the folder", e);
        }
    }
}

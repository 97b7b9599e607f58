package org.thinktrace.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that a folder has the files of a Hugging Face model before anything is loaded, so that every
 * missing piece is named at once (instead of the first failure of a long load).
 */
public final class ModelFolder {

    private ModelFolder() {
    }

    /** The problems of {@code folder}, empty when it looks complete. {@code needWeights}: the decoder will be loaded. */
    public static List<String> problems(Path folder, boolean needWeights) {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(folder)) return List.of("the folder does not exist");
        if (!Files.isDirectory(folder)) return List.of("it is a file, not a folder");
        requireFile(folder, "config.json", "the model's shapes (hidden_size, num_hidden_layers, …)", problems);
        requireFile(folder, "tokenizer.json", "the vocabulary of a Hugging Face fast tokenizer", problems);
        for (String weights : List.of("model.safetensors", "model.safetensors.index.json")) {
            String wrong = needWeights ? notAReadableFile(folder.resolve(weights)) : null;
            if (wrong != null) problems.add(weights + " " + wrong);
        }
        if (needWeights && problems.stream().noneMatch(p -> p.startsWith("model.safetensors")) && !hasSafetensors(folder)) {
            problems.add(hasPickleWeights(folder)
                    ? "only PyTorch pickle weights (*.bin, *.pt, *.pth) are there; ThinkTrace reads safetensors only, "
                    + "because loading a pickle can run arbitrary code. Convert them, e.g. in Python: "
                    + "safetensors.torch.save_file(torch.load(path), 'model.safetensors')"
                    : "no weights: expected model.safetensors or model.safetensors.index.json with its shards");
        }
        return problems;
    }

    /** Throws when {@link #problems} finds any. */
    public static void check(Path folder, boolean needWeights) throws ModelFolderException {
        List<String> problems = problems(folder, needWeights);
        if (!problems.isEmpty()) throw new ModelFolderException(folder, problems, null);
    }

    private static void requireFile(Path folder, String name, String holds, List<String> problems) {
        Path file = folder.resolve(name);
        String wrong = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? notAReadableFile(file) : "is missing";
        if (wrong != null) problems.add(name + " " + wrong + " (it holds " + holds + ")");
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

    private static boolean hasPickleWeights(Path folder) {
        return anyFile(folder, ".bin") || anyFile(folder, ".pt") || anyFile(folder, ".pth");
    }

    private static boolean anyFile(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(suffix));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(folder + ": cannot list the folder", e);
        }
    }
}

package org.thinktrace.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch pickle weights ({@code *.bin}, {@code *.pt}, {@code *.pth}), which ThinkTrace refuses to load because
 * unpickling can run code hidden in the file: finding them, and the one safe way to convert them that the app,
 * the command line and docs/model-format.md all give.
 */
public final class PickleWeights {

    private static final Logger log = LoggerFactory.getLogger(PickleWeights.class);
    private static final List<String> SUFFIXES = List.of(".bin", ".pt", ".pth");

    private PickleWeights() {
    }

    static boolean isPickle(String fileName) {
        return SUFFIXES.stream().anyMatch(fileName::endsWith);
    }

    /** The names of the pickle files in {@code folder}, sorted; empty when there are none or it cannot be listed. */
    public static List<String> filesIn(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(PickleWeights::isPickle).sorted().toList();
        } catch (IOException e) {
            log.warn("Could not list {} for pickle weights", folder, e);
            return List.of();
        }
    }

    /**
     * How to turn {@code pickles} (names in {@code folder}) into {@code folder/model.safetensors} without running
     * code hidden in them: {@code torch.load(..., weights_only=True)} reads tensors only, and
     * {@code safetensors.torch.save_file} writes them (tied tensors copied apart, which save_file requires).
     */
    public static String conversionAdvice(Path folder, List<String> pickles) {
        String files = pickles.stream().map(name -> "'" + folder.resolve(name) + "'").collect(Collectors.joining(", "));
        return "Convert them once with Python (torch and safetensors installed), then open the folder again:\n"
                + "  python -c \"import torch; from safetensors.torch import save_file; sd = {}; "
                + "[sd.update(torch.load(f, map_location='cpu', weights_only=True)) for f in [" + files + "]]; "
                + "save_file({k: v.contiguous().clone() for k, v in sd.items()}, '"
                + folder.resolve("model.safetensors") + "')\"";
    }
}

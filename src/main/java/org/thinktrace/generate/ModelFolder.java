package org.thinktrace.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.model.ModelLoadException;
import org.thinktrace.model.PickleWeights;
import org.thinktrace.model.SafetensorsCheckpoint;

/**
 * A Hugging Face model folder as a {@link ModelSource}, each file read once: {@code config.json} and
 * {@code generation_config.json} into a {@link ModelConfig}, the shard index and the safetensors headers into
 * an open {@link SafetensorsCheckpoint}, then {@code tokenizer.json} and {@code tokenizer_config.json} into the
 * tokenizer and chat template, and the weights from the checkpoint already open.
 *
 * <p>Before anything heavy is built, the folder is checked as a whole so that every problem is named at once
 * (instead of the first failure of a long load), each with what to do about it: missing files, a config.json or
 * generation_config.json that cannot be read or is out of range, an optional file that is not a readable file,
 * weight files whose headers are damaged, pickle weights.
 */
public final class ModelFolder implements ModelSource {

    private final Path folder;

    ModelFolder(Path folder) {
        this.folder = folder;
    }

    /** The problems of {@code folder}, empty when it looks complete. {@code needWeights}: the decoder will be loaded. */
    public static List<String> problems(Path folder, boolean needWeights) {
        List<String> problems = new ArrayList<>();
        read(folder, needWeights, problems).close();
        return problems;
    }

    /** Throws when {@link #problems} finds any. */
    public static void check(Path folder, boolean needWeights) throws ModelFolderException {
        readChecked(folder, needWeights).close();
    }

    @Override
    public Path path() {
        return folder;
    }

    @Override
    public ModelText loadText() throws ModelFolderException {
        try (Contents contents = readChecked(folder, false)) {
            return ModelText.build(folder, contents.config());
        }
    }

    @Override
    public LoadedModel load(LoadOptions options, LoadProgress progress) throws ModelFolderException {
        progress.update(LoadProgress.Stage.CHECKING, 0, 0);
        try (Contents contents = readChecked(folder, true)) {
            checkInterrupt();
            progress.update(LoadProgress.Stage.TOKENIZER, 0, 0);
            ModelText text = ModelText.build(folder, contents.config());
            try {
                checkInterrupt();
                Generator generator = startGenerator(contents, text, options, progress);
                progress.update(LoadProgress.Stage.READY, 0, 0);
                return new LoadedModel(folder, contents.checkpoint().files(), contents.config(), text, generator);
            } catch (ModelFolderException | RuntimeException | Error e) {
                text.close();
                throw e;
            }
        }
    }

    private Generator startGenerator(Contents contents, ModelText text, LoadOptions options, LoadProgress progress)
            throws ModelFolderException {
        ComputePrecision precision = options.precision().resolve(contents.config());
        DjlRuntime runtime = DjlRuntime.start(options.runtime().fittedTo(contents.config()).withCpuPrecision(precision));
        Decoder decoder = guard(folder, () -> Decoder.load(contents.config(), contents.checkpoint(), runtime.settings(),
                options.contextLimit(), progress));
        try {
            String name = folder.toAbsolutePath().normalize().getFileName().toString();
            return new Generator(decoder, text.codec(), name, runtime.describe(), runtime.precision(), 0,
                    runtime::prepareInferenceThread);
        } catch (RuntimeException | Error e) {
            decoder.close();
            throw e;
        }
    }

    /** What reading the folder yielded: the config and the open checkpoint, either null when it had problems. */
    private record Contents(ModelConfig config, SafetensorsCheckpoint checkpoint) implements AutoCloseable {
        @Override
        public void close() {
            if (checkpoint != null) checkpoint.close();
        }
    }

    private static Contents readChecked(Path folder, boolean needWeights) throws ModelFolderException {
        List<String> problems = new ArrayList<>();
        Contents contents = read(folder, needWeights, problems);
        if (!problems.isEmpty()) {
            contents.close();
            throw new ModelFolderException(folder, problems, null);
        }
        return contents;
    }

    /** Reads config.json and the weights' headers (when needed), adding every problem found to {@code problems}. */
    private static Contents read(Path folder, boolean needWeights, List<String> problems) {
        if (!Files.exists(folder)) {
            problems.add("the folder does not exist");
            return new Contents(null, null);
        }
        if (!Files.isDirectory(folder)) {
            problems.add("it is a file, not a folder");
            return new Contents(null, null);
        }
        ModelConfig config = null;
        if (requireFile(folder, "config.json", "the model's shapes (hidden_size, num_hidden_layers, …)", problems)) {
            config = readConfig(folder, problems);
        }
        requireFile(folder, "tokenizer.json", "the vocabulary of a Hugging Face fast tokenizer", problems);
        optionalFile(folder, "tokenizer_config.json", "the chat template and the special tokens", problems);
        optionalFile(folder, "generation_config.json", "the end-of-sequence ids and sampling defaults", problems);
        SafetensorsCheckpoint checkpoint = needWeights ? openWeights(folder, config, problems) : null;
        return new Contents(config, checkpoint);
    }

    private static ModelConfig readConfig(Path folder, List<String> problems) {
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

    /** The checkpoint with its headers read (no weights), or null with the problem added. */
    private static SafetensorsCheckpoint openWeights(Path folder, ModelConfig config, List<String> problems) {
        List<String> odd = new ArrayList<>();
        for (String weights : List.of("model.safetensors", "model.safetensors.index.json")) {
            String wrong = notAReadableFile(folder.resolve(weights));
            if (wrong != null) odd.add(weights + " " + wrong + ".");
        }
        if (!odd.isEmpty()) {
            problems.addAll(odd);
            return null;
        }
        if (!hasSafetensors(folder)) {
            List<String> pickles = PickleWeights.filesIn(folder);
            problems.add(pickles.isEmpty()
                    ? "no weights: expected model.safetensors, model.safetensors.index.json with its shards,"
                    + " or other *.safetensors files."
                    + " Download the model's *.safetensors files into the folder."
                    : "only PyTorch pickle weights (" + String.join(", ", pickles) + ") are there; ThinkTrace"
                    + " reads safetensors only, because loading a pickle can run arbitrary code. "
                    + PickleWeights.conversionAdvice(folder, pickles));
            return null;
        }
        return openHeaders(folder, config, problems);
    }

    /** Reads the headers only, with the tensor cap of {@code config} when it could be read. */
    private static SafetensorsCheckpoint openHeaders(Path folder, ModelConfig config, List<String> problems) {
        int maxTensors = config == null ? Integer.MAX_VALUE : Decoder.maxTensors(config);
        SafetensorsCheckpoint checkpoint;
        try {
            checkpoint = SafetensorsCheckpoint.open(folder, maxTensors);
        } catch (ModelLoadException e) {
            problems.add(sentence(e.getMessage()) + " The file is damaged or incomplete: download it again.");
            return null;
        }
        if (checkpoint.tensorNames().isEmpty()) {
            checkpoint.close();
            problems.add(folder + ": the safetensors files hold no tensors. Download the weights again.");
            return null;
        }
        return checkpoint;
    }

    /** Runs a loading step, turning the model layer's file errors into a {@link ModelFolderException}. */
    private static <T> T guard(Path folder, Supplier<T> step) throws ModelFolderException {
        try {
            return step.get();
        } catch (ModelLoadException e) { // checkpoint: the message names the file and tensor
            throw new ModelFolderException(folder, e.getMessage(), e);
        }
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("model loading was cancelled");
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

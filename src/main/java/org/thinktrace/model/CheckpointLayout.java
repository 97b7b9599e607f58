package org.thinktrace.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which files of a folder make up a checkpoint, decided in this order: the sharded index
 * {@code model.safetensors.index.json}; else {@code model.safetensors}; else every
 * {@code *.safetensors} file of the folder. A folder holding only PyTorch pickle files
 * ({@code *.bin}, {@code *.pt}, {@code *.pth}) is refused: unpickling can run arbitrary code.
 *
 * @param source    the folder (or single file) the user chose
 * @param indexFile the index, or null when there is none
 * @param files     the safetensors files to read, each an existing regular file
 * @param weightMap tensor name → file name from the index, empty when there is no index
 */
record CheckpointLayout(Path source, Path indexFile, List<Path> files, Map<String, String> weightMap) {


    CheckpointLayout {
        files = List.copyOf(files);
        weightMap = Collections.unmodifiableMap(new LinkedHashMap<>(weightMap));
    }

    /**
     * Resolves a folder, or a single {@code .safetensors} file.
     *
     * @throws CheckpointException when nothing loadable is there, naming what was found instead
     */
    static CheckpointLayout resolve(Path path) {
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            if (PickleWeights.isPickle(name)) {
                throw refusePickle(path, path.toAbsolutePath().getParent(), List.of(name));
            }
            if (!name.endsWith(".safetensors")) {
                throw new CheckpointException(path, "not a .safetensors file");
            }
            return new CheckpointLayout(path, null, List.of(path), Map.of());
        }
        if (!Files.isDirectory(path)) {
            throw new CheckpointException(path, "no such folder");
        }
        Path index = path.resolve(SafetensorsWriter.INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return fromIndex(path, index);
        }
        Path single = path.resolve(SafetensorsWriter.SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return new CheckpointLayout(path, null, List.of(single), Map.of());
        }
        List<String> names = fileNames(path);
        List<Path> safetensors = names.stream().filter(n -> n.endsWith(".safetensors")).map(path::resolve).toList();
        if (!safetensors.isEmpty()) {
            return new CheckpointLayout(path, null, safetensors, Map.of());
        }
        List<String> pickles = names.stream().filter(PickleWeights::isPickle).toList();
        if (!pickles.isEmpty()) {
            throw refusePickle(path, path, pickles);
        }
        throw new CheckpointException(path, "the folder holds no *.safetensors checkpoint");
    }

    private static CheckpointException refusePickle(Path path, Path folder, List<String> pickles) {
        return new CheckpointException(path, "found only PyTorch pickle checkpoints (" + String.join(", ", pickles)
                + "). ThinkTrace does not load them: unpickling a .bin/.pt/.pth file can run arbitrary code"
                + " hidden in it. " + PickleWeights.conversionAdvice(folder, pickles));
    }

    private static List<String> fileNames(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static CheckpointLayout fromIndex(Path folder, Path index) {
        JsonNode weightMapNode = readIndex(index).get("weight_map");
        if (weightMapNode == null || !weightMapNode.isObject()) {
            throw new CheckpointException(index, "\"weight_map\" is missing or not a JSON object");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        Set<String> fileNames = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : weightMapNode.properties()) {
            String tensor = e.getKey();
            JsonNode value = e.getValue();
            if (!value.isTextual()) {
                throw new CheckpointException(index, "tensor " + tensor + ": weight_map value " + value
                        + " is not a file name");
            }
            String fileName = value.textValue();
            if (!isPlainFileName(fileName)) {
                throw new CheckpointException(index, "tensor " + tensor + ": shard '" + fileName
                        + "' is not a plain file name inside the folder");
            }
            if (!Files.isRegularFile(folder.resolve(fileName))) {
                throw new CheckpointException(index, "tensor " + tensor + " is mapped to shard '" + fileName
                        + "', which is missing from " + folder);
            }
            weightMap.put(tensor, fileName);
            fileNames.add(fileName);
        }
        if (weightMap.isEmpty()) {
            throw new CheckpointException(index, "\"weight_map\" lists no tensors: the index names no weights");
        }
        List<Path> files = new ArrayList<>();
        fileNames.forEach(n -> files.add(folder.resolve(n)));
        return new CheckpointLayout(folder, index, files, weightMap);
    }

    private static JsonNode readIndex(Path index) {
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(index.toFile());
        } catch (IOException e) {
            throw new CheckpointException(index, "not a readable JSON index: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(index, "the index is not a JSON object");
        }
        return root;
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf(':') < 0;
    }
}

package org.thinktrace.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.files.AtomicFiles;
import org.thinktrace.model.LoadProgress;

/**
 * The SHA-256 of a model's weights: one digest over the bytes of its weight files, in file-name order (for a
 * single {@code model.safetensors}, what {@code sha256sum model.safetensors} prints). Hashing gigabytes takes
 * seconds to minutes, so results are kept in a cache file keyed by each file's absolute path, size and modification
 * time: a model is hashed once, and again only when a file changed. Blocking: call it off the UI thread.
 */
public final class WeightsHash {

    private static final Logger LOG = LoggerFactory.getLogger(WeightsHash.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 1 << 20;

    private WeightsHash() {
    }

    /**
     * The hash of {@code files}, from {@code cacheFile} when it holds one for the files as they are now, else
     * computed and added to it (a cache that cannot be read or written is logged and ignored).
     *
     * @param cacheFile null for no cache
     * @param progress  told the bytes hashed so far and in all, as {@link LoadProgress.Stage#HASHING}
     * @throws IOException naming the weight file that could not be read
     */
    public static String sha256(List<Path> files, Path cacheFile, LoadProgress progress) throws IOException {
        List<Path> sorted = new ArrayList<>(files.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        sorted.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        String key = cacheKey(sorted);
        ObjectNode cache = readCache(cacheFile);
        if (cache.path(key).isTextual()) return cache.get(key).asText();
        String hash = compute(sorted, progress);
        if (cacheFile != null) {
            cache.put(key, hash);
            try {
                AtomicFiles.write(cacheFile, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, cache));
            } catch (IOException e) {
                LOG.warn("could not keep the weights hash in {}", cacheFile, e);
            }
        }
        return hash;
    }

    /**
     * The hash of {@code files} as {@link #sha256(List, Path, LoadProgress)} finds it, but never writing
     * {@code cacheFile} (a window that only reads a data folder another app holds): a hash it lacks is computed once and
     * kept in {@code memory} (one map per window, thread-safe) for the next load of the same files.
     */
    public static String sha256ReadingOnly(List<Path> files, Path cacheFile, Map<String, String> memory,
                                           LoadProgress progress) throws IOException {
        List<Path> sorted = new ArrayList<>(files.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        sorted.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        String key = cacheKey(sorted);
        String known = memory.get(key);
        if (known != null) return known;
        ObjectNode cache = readCache(cacheFile);
        String hash = cache.path(key).isTextual() ? cache.get(key).asText() : compute(sorted, progress);
        memory.put(key, hash);
        return hash;
    }

    private static String compute(List<Path> files, LoadProgress progress) throws IOException {
        MessageDigest digest = sha256();
        long total = 0;
        for (Path f : files) total += Files.size(f);
        long done = 0;
        byte[] buffer = new byte[BUFFER];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    done += n;
                    progress.update(LoadProgress.Stage.HASHING, done, total);
                }
            } catch (IOException e) {
                throw new IOException("could not read " + f + " to hash the weights: " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Path, size and modification time of every file: what must not change for a cached hash to hold. */
    private static String cacheKey(List<Path> files) throws IOException {
        StringBuilder key = new StringBuilder();
        for (Path f : files) {
            key.append(f).append('|').append(Files.size(f)).append('|')
                    .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
        }
        return key.toString();
    }

    private static ObjectNode readCache(Path cacheFile) {
        if (cacheFile == null || !Files.isRegularFile(cacheFile)) return JSON.createObjectNode();
        try {
            return JSON.readTree(cacheFile.toFile()) instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (IOException e) {
            LOG.warn("the weights hash cache {} could not be read; hashing again", cacheFile, e);
            return JSON.createObjectNode();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

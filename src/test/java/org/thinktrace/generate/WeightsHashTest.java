package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.LoadProgress;
import org.junit.jupiter.api.io.TempDir;

class WeightsHashTest {

    @TempDir
    Path dir;

    private Path file(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** The reference: one digest over the files' bytes read whole, in file-name order. */
    private static String reference(Path... files) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path f : files) all.write(Files.readAllBytes(f));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toByteArray()));
    }

    @Test
    void shardsAreHashedInFileNameOrderWhateverOrderTheyAreGiven() throws Exception {
        Path a = file("model-00001-of-00002.safetensors", 3_000_000, 1);
        Path b = file("model-00002-of-00002.safetensors", 1_234_567, 2);
        assertEquals(reference(a, b), WeightsHash.sha256(List.of(b, a), null, LoadProgress.NONE));
    }

    @Test
    void aCachedHashIsUsedWhileTheFileKeepsItsSizeAndTimeAndComputedAgainWhenTheyChange() throws Exception {
        Path weights = file("model.safetensors", 100_000, 3);
        Path cache = dir.resolve("cache").resolve("weights-sha256.json");
        String first = WeightsHash.sha256(List.of(weights), cache, LoadProgress.NONE);
        assertEquals(reference(weights), first);
        assertTrue(Files.isRegularFile(cache));

        FileTime time = Files.getLastModifiedTime(weights);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[0] ^= 1;
        Files.write(weights, bytes);
        Files.setLastModifiedTime(weights, time);
        assertEquals(first, WeightsHash.sha256(List.of(weights), cache, (stage, done, total) -> {
            throw new AssertionError("hashed again although size and time are unchanged");
        }), "same path, size and time: the cache answers");

        Files.setLastModifiedTime(weights, FileTime.fromMillis(time.toMillis() + 1000));
        String again = WeightsHash.sha256(List.of(weights), cache, LoadProgress.NONE);
        assertEquals(reference(weights), again);
        assertNotEquals(first, again);
    }

    @Test
    void readingOnlyUsesTheCacheFileNeverWritesItAndKeepsNewHashesInMemory() throws Exception {
        Path known = file("known.safetensors", 20_000, 5);
        Path fresh = file("fresh.safetensors", 30_000, 6);
        Path cache = dir.resolve("weights-sha256.json");
        WeightsHash.sha256(List.of(known), cache, LoadProgress.NONE);
        byte[] cacheBefore = Files.readAllBytes(cache);
        java.util.Map<String, String> memory = new java.util.concurrent.ConcurrentHashMap<>();
        LoadProgress mustNotHash = (stage, done, total) -> {
            throw new AssertionError("hashed again");
        };

        assertEquals(reference(known), WeightsHash.sha256ReadingOnly(List.of(known), cache, memory, mustNotHash));
        assertEquals(reference(fresh), WeightsHash.sha256ReadingOnly(List.of(fresh), cache, memory, LoadProgress.NONE));
        assertEquals(reference(fresh), WeightsHash.sha256ReadingOnly(List.of(fresh), cache, memory, mustNotHash),
                "the second load of the same files is answered from memory");
        assertTrue(java.util.Arrays.equals(cacheBefore, Files.readAllBytes(cache)), "the cache file is never written");
    }

    @Test
    void aDamagedCacheIsIgnored() throws Exception {
        Path weights = file("model.safetensors", 5_000, 4);
        Path cache = Files.writeString(dir.resolve("weights-sha256.json"), "{ not json");
        assertEquals(reference(weights), WeightsHash.sha256(List.of(weights), cache, LoadProgress.NONE));
    }

    @Test
    void aCacheThatCannotBeWrittenLeavesNoTemporaryFileAndTheHashStillComes() throws Exception {
        Path weights = file("model.safetensors", 10_000, 4);
        Path cache = dir.resolve("cache").resolve("weights-sha256.json");
        Files.createDirectories(cache); // a folder in the cache's place, not empty: the move over it fails
        Files.writeString(cache.resolve("keep"), "x");
        assertEquals(reference(weights), WeightsHash.sha256(List.of(weights), cache, LoadProgress.NONE));
        try (java.util.stream.Stream<Path> files = Files.list(cache.getParent())) {
            assertEquals(List.of(cache), files.toList(), "no temporary file left beside the cache");
        }
    }
}

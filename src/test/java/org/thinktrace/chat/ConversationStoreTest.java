package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.store.ConversationFormat;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.SamplingSettings;

class ConversationStoreTest {

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:15:30Z"));
    /** Where a test runs what it holds half-way (a save, a read) while it closes the store. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void endThreads() {
        threads.shutdownNow();
    }

    private ConversationStore store() {
        return new ConversationStore(folder, ConversationFormat::write, clock);
    }

    @Test
    void savedConversationReadsBackEqual() throws IOException {
        Conversation original = Samples.twoTurns(5_000L);
        store().save(original);

        ConversationStore.LoadResult result = store().loadAll();

        assertEquals(List.of(), result.warnings());
        Conversation read = result.conversations().getFirst();
        assertEquals(original.id(), read.id());
        assertEquals(original.title(), read.title());
        assertEquals(Conversation.SCHEMA_VERSION, read.schemaVersion());
        assertEquals(original.messages().getFirst(), read.messages().getFirst());
        AssistantMessage a = (AssistantMessage) read.messages().get(1);
        AssistantMessage b = (AssistantMessage) original.messages().get(1);
        assertEquals(b.selected(), a.selected());
        assertEquals(2, a.versions().size());
        for (int i = 0; i < 2; i++) {
            AssistantVersion x = a.versions().get(i);
            AssistantVersion y = b.versions().get(i);
            assertEquals(y.thinking(), x.thinking());
            assertEquals(y.answer(), x.answer());
            assertEquals(y.stats(), x.stats());
            assertEquals(y.sampling(), x.sampling());
            assertTrue(y.tokens().sameAs(x.tokens()), "token trace survives the round trip");
        }
        assertEquals(0.125f, a.current().tokens().probability(2));
    }

    @Test
    void probabilitiesAreStoredCompactlyAsBase64() throws IOException {
        Conversation c = Samples.twoTurns(5_000L);
        store().save(c);
        String json = Files.readString(store().fileOf(c.id()));
        assertFalse(json.contains("0.125"), "probabilities are not written as decimal numbers");
        assertTrue(json.contains("\"probabilities\" : \""), json);
    }

    @Test
    void aFileTooLargeForTheHeapIsLeftAsItIsAndNamedWithTheMemoryItNeeds() throws IOException {
        Conversation small = Conversation.start(1).withTitle("small", 10);
        Conversation large = Samples.twoTurns(5_000L);
        store().save(small);
        store().save(large);
        long smallSize = Files.size(store().fileOf(small.id()));
        long largeSize = Files.size(store().fileOf(large.id()));
        assertTrue(largeSize > smallSize, largeSize + " vs " + smallSize);
        byte[] before = Files.readAllBytes(store().fileOf(large.id()));
        long heap = (smallSize + largeSize) / 2 * ConversationStore.HEAP_PER_FILE_BYTE;

        ConversationStore.LoadResult result = new ConversationStore(folder, ConversationFormat::write, clock, () -> heap)
                .loadAll();

        assertEquals(List.of("small"), result.conversations().stream().map(Conversation::title).toList());
        assertEquals(1, result.warnings().size(), result.warnings()::toString);
        StoreWarning warning = result.warnings().getFirst();
        assertEquals(store().fileOf(large.id()), warning.file());
        assertTrue(warning.message().startsWith("is too large to open in the memory ThinkTrace may use")
                && warning.message().contains("left as it is") && warning.message().contains("THINKTRACE_JAVA_OPTS=-Xmx2g"),
                warning.message());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(store().fileOf(large.id()))), "the file is untouched");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count(), "nothing moved aside");
        }
        assertEquals(2, store().loadAll().conversations().size(), "with the memory to read it, it opens");
    }

    @Test
    void aKeyGivenTwiceReadsAsItsLastValueAsBeforeNotAsDamage() throws IOException {
        Conversation c = Samples.twoTurns(5_000L);
        store().save(c);
        Path file = store().fileOf(c.id());
        String json = Files.readString(file).strip();
        Files.writeString(file, json.substring(0, json.length() - 1) + ", \"title\" : \"Again\" }");

        ConversationStore.LoadResult result = store().loadAll();

        assertEquals(List.of(), result.warnings());
        assertEquals("Again", result.conversations().getFirst().title());
    }

    @Test
    void aLargeFileNotNamedAsAConversationIsLeftAloneUnreported() throws IOException {
        Path other = folder.resolve("notes.json");
        Files.writeString(other, "{\"text\": \"" + "x".repeat(4_000) + "\"}");
        ConversationStore.LoadResult result = new ConversationStore(folder, ConversationFormat::write, clock,
                () -> 8_000L).loadAll();
        assertEquals(List.of(), result.warnings());
        assertTrue(Files.exists(other));
    }

    @Test
    void conversationsComeNewestFirst() throws IOException {
        Conversation older = Conversation.start(1).withTitle("older", 10);
        Conversation newer = Conversation.start(1).withTitle("newer", 20);
        store().save(older);
        store().save(newer);
        assertEquals(List.of("newer", "older"), store().loadAll().conversations().stream().map(Conversation::title).toList());
    }

    @Test
    void corruptFileIsMovedAsideWithAWarningAndTheRestStillLoads() throws IOException {
        Conversation good = Samples.twoTurns(5_000L);
        store().save(good);
        Path broken = folder.resolve("0b5e0b5e-0000-4000-8000-000000000000.json");
        Files.writeString(broken, "{\"schemaVersion\": 1, \"id\": ");

        ConversationStore.LoadResult result = store().loadAll();

        assertEquals(List.of(good.id()), result.conversations().stream().map(Conversation::id).toList());
        assertEquals(1, result.warnings().size());
        StoreWarning warning = result.warnings().getFirst();
        assertEquals(broken, warning.file());
        assertTrue(warning.message().contains("moved aside to " + broken.getFileName() + ".corrupt-20260301-101530"),
                warning.message());
        assertFalse(Files.exists(broken));
        assertTrue(Files.exists(folder.resolve(broken.getFileName() + ".corrupt-20260301-101530")));
        assertEquals(List.of(), store().loadAll().warnings(), "a moved-aside file is not reported again");
    }

    @Test
    void fileWhoseIdDoesNotMatchItsNameIsMovedAside() throws IOException {
        Conversation c = Conversation.start(1);
        store().save(c);
        Files.move(store().fileOf(c.id()), folder.resolve("renamed.json"));
        ConversationStore.LoadResult result = store().loadAll();
        assertEquals(List.of(), result.conversations());
        assertTrue(result.warnings().getFirst().message().contains("does not match the file name"));
    }

    @Test
    void fileFromANewerSchemaIsLeftAloneWithAWarning() throws IOException {
        store().save(new Conversation(Conversation.SCHEMA_VERSION, "f00d", "future", 1, 1, List.of()));
        Path file = store().fileOf("f00d");
        Files.writeString(file, Files.readString(file).replace("\"schemaVersion\" : " + ConversationFormat.VERSION,
                "\"schemaVersion\" : " + (ConversationFormat.VERSION + 1)));
        String future = Files.readString(file);
        ConversationStore.LoadResult result = store().loadAll();
        assertEquals(List.of(), result.conversations());
        assertTrue(result.warnings().getFirst().message().contains("newer ThinkTrace"));
        assertEquals(future, Files.readString(file));
        assertTrue(future.contains("\"schemaVersion\" : " + (ConversationFormat.VERSION + 1)), future);
    }

    @Test
    void otherJsonFilesOfTheFolderAreNeitherShownNorMovedNorReported() throws IOException {
        Conversation c = Conversation.start(1);
        store().save(c);
        // The app's own files that share the data folder: the weights' hash cache, and on macOS and Windows the settings.
        Path hashes = folder.resolve("weights-sha256.json");
        Files.writeString(hashes, "{\"/models/x/model.safetensors\" : {\"size\" : 5, \"sha256\" : \"ab\"}}");
        Path settings = folder.resolve("settings.json");
        Files.writeString(settings, "{\"theme\" : \"DARK\"}");
        Path list = folder.resolve("list.json");
        Files.writeString(list, "[1, 2]");

        ConversationStore.LoadResult result = store().loadAll();

        assertEquals(List.of(c.id()), result.conversations().stream().map(Conversation::id).toList());
        assertEquals(List.of(), result.warnings());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(4, files.count(), "nothing moved aside");
        }
        assertTrue(Files.readString(settings).contains("DARK"));
    }

    /** Loads a folder whose one file, named as a conversation, holds {@code content}: one warning saying {@code why}. */
    private void assertMovedAsideAsDamaged(String content, String why) throws IOException {
        Path file = folder.resolve("0b5e0b5e-0000-4000-8000-000000000001.json");
        Files.writeString(file, content);
        ConversationStore.LoadResult result = store().loadAll();
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().getFirst().message().contains(why), result.warnings().getFirst().message());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileWithAConversationsNameHoldingOtherJsonIsDamaged() throws IOException {
        assertMovedAsideAsDamaged("null", "not a conversation");
    }

    @Test
    void emptyConversationFileIsMovedAsideAsDamaged() throws IOException {
        assertMovedAsideAsDamaged("", "is empty");
    }

    @Test
    void fileOfANewerFormatWithoutMessagesIsLeftAloneAsNewer() throws IOException {
        Path future = folder.resolve("f00d.json");
        String content = "{\"schemaVersion\" : " + (ConversationFormat.VERSION + 1) + ", \"id\" : \"f00d\", \"turns\" : []}";
        Files.writeString(future, content);
        ConversationStore.LoadResult result = store().loadAll();
        assertTrue(result.warnings().getFirst().message().contains("newer ThinkTrace"), result.warnings().getFirst().message());
        assertEquals(content, Files.readString(future));
    }

    @Test
    void aWindowThatOnlyReadsTheFolderLeavesDamagedFilesWhereTheyAre() throws IOException {
        Path broken = folder.resolve("0b5e0b5e-0000-4000-8000-000000000000.json");
        Files.writeString(broken, "{\"schemaVersion\": 2, \"id\": ");
        ConversationStore.LoadResult result = store().loadAll(ConversationStore.DamagedFiles.LEAVE);
        assertTrue(result.warnings().getFirst().message().contains("left as it is"), result.warnings().getFirst().message());
        assertTrue(Files.exists(broken));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(broken), files.toList());
        }
    }

    @Test
    void twoDamagedFilesMovedAsideInOneSecondKeepBothCopies() throws IOException {
        Path broken = folder.resolve("0b5e0b5e-0000-4000-8000-000000000000.json");
        Files.writeString(broken, "first");
        store().loadAll();
        Files.writeString(broken, "second");
        store().loadAll();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> contents = files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
            assertEquals(List.of("first", "second"), contents);
        }
    }

    @Test
    void failedWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Conversation original = Samples.twoTurns(5_000L);
        store().save(original);
        Path file = store().fileOf(original.id());
        String before = Files.readString(file);

        ConversationStore brokenStore = new ConversationStore(folder, (out, conversation) -> {
            out.write(("{\"title\" : \"" + conversation.title()).getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("disk full");
        }, clock);

        IOException e = assertThrows(IOException.class, () -> brokenStore.save(original.withTitle("changed", 9_000L)));

        assertEquals("disk full", e.getMessage());
        assertEquals(before, Files.readString(file));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void responseInProgressWhenTheAppDiedComesBackStopped() throws IOException {
        AssistantVersion draft = new AssistantVersion("Half a thought", "", ResponseState.IN_PROGRESS, null, false,
                false, null, SamplingSettings.r1Defaults(), 512, 0, null, Samples.trace(), 1_000L, null, null);
        Conversation c = Conversation.start(1)
                .withAppended(new UserMessage("u1", "Hi", 1), 2)
                .withAppended(new AssistantMessage("a1", List.of(draft), 0, true), 3);
        store().save(c);

        AssistantVersion recovered = ((AssistantMessage) store().loadAll().conversations().getFirst().messages().get(1)).current();

        assertEquals(ResponseState.STOPPED, recovered.state());
        assertEquals(FinishReason.CANCELLED, recovered.finishReason());
        assertTrue(recovered.thinkingUnfinished());
        assertEquals("Half a thought", recovered.thinking());
        assertEquals(3, recovered.tokens().size());
    }

    @Test
    void deleteRemovesTheFile() throws IOException {
        Conversation c = Conversation.start(1);
        store().save(c);
        store().delete(c.id());
        assertEquals(List.of(), store().loadAll().conversations());
    }

    @Test
    void closingWaitsForTheSaveInFlightThenRefusesEveryFileOperation() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finishWrite = new CountDownLatch(1);
        ConversationStore store = new ConversationStore(folder, (out, conversation) -> {
            writing.countDown();
            awaitRelease(finishWrite);
            ConversationFormat.write(out, conversation);
        }, clock);
        Conversation saved = Conversation.start(1_000L).withTitle("Kept", 1_000L);
        CompletableFuture<Void> save = CompletableFuture.runAsync(() -> {
            try {
                store.save(saved);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, threads);
        assertTrue(writing.await(10, TimeUnit.SECONDS));

        CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() -> store.close(Duration.ofSeconds(30)),
                threads);
        Thread.sleep(200);
        assertFalse(close.isDone(), "closing waits for the save being written");
        finishWrite.countDown();
        assertTrue(close.get(10, TimeUnit.SECONDS));
        save.get(10, TimeUnit.SECONDS);
        assertEquals("Kept", ConversationStore.read(store.fileOf(saved.id())).title());

        assertThrows(IOException.class, () -> store.save(saved.withTitle("Too late", 2_000L)));
        assertThrows(IOException.class, () -> store.delete(saved.id()));
        Files.writeString(folder.resolve("0b5e0b5e-0000-4000-8000-000000000000.json"), "damaged");
        assertEquals(new ConversationStore.LoadResult(List.of(), List.of()), store.loadAll(), "nothing is read");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(Set.of(saved.id() + ".json", "0b5e0b5e-0000-4000-8000-000000000000.json"),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertEquals("Kept", ConversationStore.read(store.fileOf(saved.id())).title());
    }

    @Test
    void aDamagedFileBeingReadAsTheStoreClosesIsLeftWhereItIs() throws Exception {
        Path broken = Files.writeString(folder.resolve("0b5e0b5e-0000-4000-8000-000000000000.json"), "{ damaged");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finishRead = new CountDownLatch(1);
        // the store asks for the heap's size as it starts reading each file: the read is held there
        ConversationStore store = new ConversationStore(folder, ConversationFormat::write, clock, () -> {
            reading.countDown();
            awaitRelease(finishRead);
            return Runtime.getRuntime().maxMemory();
        });
        CompletableFuture<ConversationStore.LoadResult> load = CompletableFuture.supplyAsync(store::loadAll, threads);
        assertTrue(reading.await(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        assertFalse(store.close(Duration.ofMillis(300)), "the read did not end in time");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "closing gives up after its bound");
        finishRead.countDown();
        ConversationStore.LoadResult loaded = load.get(10, TimeUnit.SECONDS);

        assertTrue(Files.exists(broken), "not moved aside once the store closed");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(broken), files.toList());
        }
        assertTrue(loaded.warnings().getFirst().message().contains("left as it is"),
                loaded.warnings().getFirst().message());
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new AssertionError("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void missingFolderLoadsNothing() {
        assertEquals(List.of(), new ConversationStore(folder.resolve("absent")).loadAll().conversations());
    }
}

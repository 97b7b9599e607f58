package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderLockTest {

    @TempDir
    Path home;

    @Test
    void theSecondAppOnAFolderFindsItHeldAndTheFirstOneNamed() {
        Path data = home.resolve("data");
        try (DataFolderLock first = DataFolderLock.acquire(data); DataFolderLock second = DataFolderLock.acquire(data)) {
            assertFalse(first.heldByAnother());
            assertTrue(second.heldByAnother());
            assertEquals(Optional.of("process " + ProcessHandle.current().pid()), second.otherHolder());
            assertTrue(Files.isRegularFile(data.resolve(DataFolderLock.FILE_NAME)));
        }
    }

    @Test
    void aReleasedFolderCanBeTakenAgainAndOtherFoldersAreFree() {
        Path data = home.resolve("data");
        DataFolderLock first = DataFolderLock.acquire(data);
        try (DataFolderLock other = DataFolderLock.acquire(home.resolve("other"))) {
            assertFalse(other.heldByAnother());
        }
        first.close();
        try (DataFolderLock again = DataFolderLock.acquire(data)) {
            assertFalse(again.heldByAnother(), "the lock goes with the app that held it");
        }
    }

    @Test
    void theLockFileIsNotTakenForAConversation() {
        Path data = home.resolve("data");
        try (DataFolderLock lock = DataFolderLock.acquire(data)) {
            ConversationStore.LoadResult loaded = new ConversationStore(data).loadAll();
            assertEquals(0, loaded.conversations().size());
            assertEquals(0, loaded.warnings().size(), loaded.warnings().toString());
        }
    }
}

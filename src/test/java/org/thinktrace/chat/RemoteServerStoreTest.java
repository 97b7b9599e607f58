package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteServerStoreTest {

    @TempDir
    Path folder;

    @Test
    void keepsTheKeyApartInAFileOnlyTheUserCanRead() throws IOException {
        RemoteServerStore store = new RemoteServerStore(folder);
        assertEquals(Optional.empty(), store.load());
        RemoteServer server = new RemoteServer("http://gpu-box:8000/v1", "deepseek-ai/DeepSeek-R1", "sk-secret");
        store.save(server);
        assertEquals(Optional.of(server), store.load());
        assertFalse(Files.readString(folder.resolve(RemoteServerStore.SERVER_FILE)).contains("sk-secret"));
        assertFalse(server.toString().contains("sk-secret"));
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not a POSIX file system");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(RemoteServerStore.KEY_FILE))));
    }

    @Test
    void anEmptyKeyRemovesTheKeyFile() throws IOException {
        RemoteServerStore store = new RemoteServerStore(folder);
        store.save(new RemoteServer("http://a/v1", "m", "k"));
        store.save(new RemoteServer("http://a/v1", "m", ""));
        assertFalse(Files.exists(folder.resolve(RemoteServerStore.KEY_FILE)));
        assertEquals("", store.load().orElseThrow().apiKey());
    }

    @Test
    void aBrokenFileIsNamed() throws IOException {
        Files.writeString(folder.resolve(RemoteServerStore.SERVER_FILE), "{\"baseUrl\": 3}");
        IOException e = assertThrows(IOException.class, () -> new RemoteServerStore(folder).load());
        assertTrue(e.getMessage().contains(RemoteServerStore.SERVER_FILE) && e.getMessage().contains("baseUrl"), e.getMessage());
    }
}

package org.thinktrace.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.thinktrace.files.AtomicFiles;

/**
 * Remembers the last OpenAI-compatible server added in the app: its URL and model name in
 * {@code remote-server.json}, its API key apart in {@code remote-server.key}, a file only the user can read
 * (POSIX mode 600; elsewhere the user's own settings folder). The key never goes into the JSON, the
 * conversations or the logs.
 */
public final class RemoteServerStore {

    static final String SERVER_FILE = "remote-server.json";
    static final String KEY_FILE = "remote-server.key";

    private final Path folder;
    private final ObjectMapper json = JsonMapping.newMapper();

    public RemoteServerStore(Path configFolder) {
        this.folder = configFolder;
    }

    /** The saved server, or empty when none was saved; a file that cannot be read names itself in the exception. */
    public Optional<RemoteServer> load() throws IOException {
        Path file = folder.resolve(SERVER_FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable as JSON (" + e.getMessage() + ")", e);
        }
        if (!root.path("baseUrl").isTextual() || !root.path("model").isTextual()) {
            throw new IOException(file + ": needs the text fields baseUrl and model");
        }
        Path keyFile = folder.resolve(KEY_FILE);
        String key = Files.isRegularFile(keyFile) ? Files.readString(keyFile, StandardCharsets.UTF_8) : "";
        return Optional.of(new RemoteServer(root.get("baseUrl").asText(), root.get("model").asText(), key));
    }

    /** Saves {@code server}; an empty key removes the key file. */
    public void save(RemoteServer server) throws IOException {
        AtomicFiles.write(folder.resolve(SERVER_FILE), out -> json.writeValue(out,
                json.createObjectNode().put("baseUrl", server.baseUrl()).put("model", server.model())));
        Path keyFile = folder.resolve(KEY_FILE);
        if (server.apiKey().isEmpty()) {
            Files.deleteIfExists(keyFile);
            return;
        }
        // the temporary file is created owner-only on POSIX systems, so the key is never readable by others
        AtomicFiles.write(keyFile, out -> out.write(server.apiKey().getBytes(StandardCharsets.UTF_8)));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } else {
            keyFile.toFile().setReadable(false, false);
            keyFile.toFile().setReadable(true, true);
        }
    }
}

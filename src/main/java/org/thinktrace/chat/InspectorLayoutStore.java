package org.thinktrace.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.files.AtomicFiles;

/**
 * Keeps the {@link InspectorLayout} in {@code inspector.json} beside {@code settings.json}, written atomically.
 * A missing file gives the defaults; an unreadable or damaged one gives the defaults and a warning (it is
 * overwritten by the next save).
 */
public final class InspectorLayoutStore {

    private static final Logger LOG = LoggerFactory.getLogger(InspectorLayoutStore.class);
    private final Path file;
    private final ObjectMapper mapper = JsonMapping.newMapper();

    /** What {@link #load()} found, and a warning when the file could not be used. */
    public record Loaded(InspectorLayout layout, Optional<StoreWarning> warning) {
    }

    public InspectorLayoutStore(Path configFolder) {
        this.file = configFolder.resolve("inspector.json");
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.exists(file)) return new Loaded(InspectorLayout.defaults(), Optional.empty());
        try {
            InspectorLayout read = mapper.readValue(file.toFile(), InspectorLayout.class);
            if (read == null) throw new IllegalArgumentException("it holds null, not a layout");
            return new Loaded(read, Optional.empty());
        } catch (JacksonException | IllegalArgumentException e) {
            LOG.warn("the inspector layout file {} is damaged", file, e);
            String reason = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            return new Loaded(InspectorLayout.defaults(), Optional.of(new StoreWarning(file,
                    "is damaged (" + reason + "); using the default inspector layout")));
        } catch (IOException e) {
            LOG.warn("the inspector layout file {} could not be read", file, e);
            return new Loaded(InspectorLayout.defaults(), Optional.of(new StoreWarning(file,
                    "could not be read (" + e.getMessage() + "); using the default inspector layout")));
        }
    }

    public void save(InspectorLayout layout) throws IOException {
        AtomicFiles.write(file, out -> mapper.writeValue(out, layout));
    }
}

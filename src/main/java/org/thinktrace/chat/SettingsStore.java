package org.thinktrace.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.files.AtomicFiles;

/**
 * Keeps {@link AppSettings} in {@code settings.json} in the user's config folder, written atomically.
 * A missing file gives the defaults; a damaged one is moved aside, gives the defaults and a warning.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper mapper = JsonMapping.newMapper();
    private final Clock clock;

    /** What {@link #load()} found, and a warning when the file could not be used. */
    public record Loaded(AppSettings settings, Optional<StoreWarning> warning) {
    }

    public SettingsStore(Path configFolder) {
        this(configFolder, Clock.systemUTC());
    }

    SettingsStore(Path configFolder, Clock clock) {
        this.file = configFolder.resolve("settings.json");
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.exists(file)) return new Loaded(AppSettings.defaults(), Optional.empty());
        try {
            AppSettings read = mapper.readValue(file.toFile(), AppSettings.class);
            if (read == null) throw new IllegalArgumentException("it holds null, not settings");
            return new Loaded(read, Optional.empty());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            LOG.warn("the settings file {} is damaged", file, e);
            return new Loaded(AppSettings.defaults(), Optional.of(moveAside(e)));
        } catch (IOException e) {
            LOG.warn("the settings file {} could not be read", file, e);
            return new Loaded(AppSettings.defaults(), Optional.of(new StoreWarning(file,
                    "could not be read (" + e.getMessage() + "); using the defaults")));
        }
    }

    private StoreWarning moveAside(Exception cause) {
        String reason = cause instanceof JacksonException j ? j.getOriginalMessage() : cause.getMessage();
        try {
            Path aside = AtomicFiles.moveAside(file, clock.instant());
            return new StoreWarning(file, "is damaged (" + reason + "); moved aside to " + aside.getFileName()
                    + ", using the defaults");
        } catch (IOException e) {
            LOG.warn("moving the damaged settings file {} aside failed", file, e);
            return new StoreWarning(file, "is damaged (" + reason + ") and could not be moved aside (" + e.getMessage()
                    + "); using the defaults");
        }
    }

    public void save(AppSettings settings) throws IOException {
        AtomicFiles.write(file, out -> mapper.writeValue(out, settings));
    }
}

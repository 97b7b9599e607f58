package org.thinktrace.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * The settings in the file; the defaults when there is none. A damaged file is moved aside; when it is a JSON
     * object, every field (and every field of an object field, such as {@code sampling}) that is valid on its own is
     * kept and only the others take their defaults, so one bad value does not cost the system prompt, the theme and
     * the rest. The warning names the fields that took their defaults.
     */
    public Loaded load() {
        if (!Files.exists(file)) return new Loaded(AppSettings.defaults(), Optional.empty());
        try {
            AppSettings read = mapper.readValue(file.toFile(), AppSettings.class);
            if (read == null) throw new IllegalArgumentException("it holds null, not settings");
            return new Loaded(read, Optional.empty());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            LOG.warn("the settings file {} is damaged", file, e);
            Optional<Salvaged> salvaged = salvage();
            StoreWarning aside = moveAside(e, salvaged.map(Salvaged::reset).orElse(null));
            return new Loaded(salvaged.map(Salvaged::settings).orElse(AppSettings.defaults()), Optional.of(aside));
        } catch (IOException e) {
            LOG.warn("the settings file {} could not be read", file, e);
            return new Loaded(AppSettings.defaults(), Optional.of(new StoreWarning(file,
                    "could not be read (" + e.getMessage() + "); using the defaults")));
        }
    }

    /** Settings kept from a damaged file, and the fields that took their defaults. */
    private record Salvaged(AppSettings settings, List<String> reset) {
    }

    /**
     * The file's valid fields over the defaults, each field tried on its own (an object field's own fields one by
     * one); empty when the file is not a JSON object or nothing can be kept.
     */
    private Optional<Salvaged> salvage() {
        try {
            JsonNode read = mapper.readTree(file.toFile());
            if (!(read instanceof ObjectNode fields)) return Optional.empty();
            ObjectNode kept = mapper.valueToTree(AppSettings.defaults());
            List<String> reset = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : fields.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (kept.get(name) instanceof ObjectNode defaults && value instanceof ObjectNode parts) {
                    for (Map.Entry<String, JsonNode> part : parts.properties()) {
                        ObjectNode trial = kept.deepCopy();
                        ((ObjectNode) trial.get(name)).set(part.getKey(), part.getValue());
                        if (valid(trial)) kept = trial;
                        else if (defaults.has(part.getKey())) reset.add(name + "." + part.getKey());
                    }
                    continue;
                }
                ObjectNode trial = kept.deepCopy();
                trial.set(name, value);
                if (valid(trial)) kept = trial;
                else if (kept.has(name)) reset.add(name);
            }
            AppSettings settings = mapper.treeToValue(kept, AppSettings.class);
            return settings.equals(AppSettings.defaults()) ? Optional.empty() : Optional.of(new Salvaged(settings, reset));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            LOG.debug("nothing could be kept of the settings file {}", file, e);
            return Optional.empty();
        }
    }

    private boolean valid(ObjectNode settings) {
        try {
            return mapper.treeToValue(settings, AppSettings.class) != null;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** @param reset the fields that took their defaults when the rest was kept; null when the defaults are used */
    private StoreWarning moveAside(Exception cause, List<String> reset) {
        String reason = cause instanceof JacksonException j ? j.getOriginalMessage() : cause.getMessage();
        String using = reset == null ? "using the defaults"
                : reset.isEmpty() ? "keeping the settings it holds"
                : "keeping its other settings, with the defaults for " + String.join(", ", reset);
        try {
            Path aside = AtomicFiles.moveAside(file, clock.instant());
            return new StoreWarning(file, "is damaged (" + reason + "); moved aside to " + aside.getFileName()
                    + ", " + using);
        } catch (IOException e) {
            LOG.warn("moving the damaged settings file {} aside failed", file, e);
            return new StoreWarning(file, "is damaged (" + reason + ") and could not be moved aside (" + e.getMessage()
                    + "); " + using);
        }
    }

    public void save(AppSettings settings) throws IOException {
        AtomicFiles.write(file, out -> mapper.writeValue(out, settings));
    }
}

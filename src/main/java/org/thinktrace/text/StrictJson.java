package org.thinktrace.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON reading for tokenizer files ({@code tokenizer.json}, {@code tokenizer_config.json},
 * {@code generation_config.json}). Strict about duplicate keys: a hostile file that lists {@code bos_token} or a
 * vocabulary piece twice is an error naming the key, not a silent choice of the last value.
 */
final class StrictJson {

    /** For streaming passes (which check the end of the file themselves). Thread-safe once built. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** For whole files: anything after the top-level value is an error too. */
    private static final ObjectReader WHOLE_FILE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The tree of a whole file ({@code MissingNode} when it is empty), or an {@link IOException} naming it. */
    static JsonNode readTree(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return WHOLE_FILE.readTree(in);
        } catch (IOException e) {
            throw refusal(file, "not valid JSON", e);
        }
    }

    /**
     * An {@link IOException} for a file that could not be parsed: for a duplicate key
     * {@code "<file>: key 'bos_token' appears twice in the top-level object"} (or {@code "… in model.vocab"}),
     * otherwise {@code "<file>: <what> (<parser's message>)"}.
     */
    static IOException refusal(Path file, String what, IOException e) {
        if (!(e instanceof StreamReadException read) || !(read.getProcessor() instanceof JsonParser parser)
                || parser.getParsingContext() == null
                || !String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field '")) {
            return new IOException(file + ": " + what + " (" + e.getMessage() + ")", e);
        }
        JsonStreamContext object = parser.getParsingContext();
        String where = "";
        for (JsonStreamContext c = object.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            where = (c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName()) + where;
        }
        where = where.isEmpty() ? "the top-level object" : where.substring(where.startsWith(".") ? 1 : 0);
        return new IOException(file + ": key '" + object.getCurrentName() + "' appears twice in " + where, e);
    }
}

package org.thinktrace.model;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for model files (configs, safetensors headers, shard indexes). Strict about
 * duplicate keys: in a hostile file the same tensor or field listed twice must be an error, not
 * a silent choice of the last one. Strict about the end too: anything after the top-level value
 * (a second object, stray text) is an error, not ignored.
 */
final class ModelJson {

    /** Thread-safe once built, shared by every reader and writer of the package. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ModelJson() {
    }
}

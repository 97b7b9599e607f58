package org.thinktrace.model;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for model files (configs, safetensors headers, shard indexes). Strict about
 * duplicate keys: in a hostile file the same tensor or field listed twice must be an error, not
 * a silent choice of the last one.
 */
final class ModelJson {

    /** Thread-safe once built, shared by every reader and writer of the package. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ModelJson() {
    }
}

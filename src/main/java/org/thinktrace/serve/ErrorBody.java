package org.thinktrace.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI's error object: {@code {"error": {"message", "type", "param", "code"}}}. */
final class ErrorBody {

    private ErrorBody() {
    }

    static ObjectNode of(ObjectMapper json, ApiException e) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", e.getMessage()).put("type", e.type());
        if (e.param() == null) error.putNull("param");
        else error.put("param", e.param());
        if (e.code() == null) error.putNull("code");
        else error.put("code", e.code());
        return root;
    }
}

package org.thinktrace.chat.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Upgrades a version-1 file (Jackson's view of the domain records as they were) to version 2, on the JSON tree.
 * Version 1 used the same field names; what changed:
 * <ul>
 *   <li>{@code state} and {@code finishReason} were Java enum names ({@code "COMPLETE"}, {@code "EOS"}); version 2
 *       writes stable lower-case codes ({@code "complete"}, {@code "eos"}, {@code "in_progress"}).</li>
 *   <li>{@code probes.convergence.afterSettledShare} was the string {@code "NaN"} when the answer never settled;
 *       version 2 writes null.</li>
 *   <li>Versions written before the probes existed have no {@code probes}: version 2 always writes it.</li>
 *   <li>Version 2 adds {@code model} and {@code systemPrompt} to each version; a migrated version has neither.</li>
 * </ul>
 */
final class VersionOneMigration {

    private VersionOneMigration() {
    }

    /** Changes {@code root}, a version-1 conversation, into version 2 in place. */
    static void upgrade(ObjectNode root) {
        for (JsonNode message : root.path("messages")) {
            for (JsonNode version : message.path("versions")) {
                if (version instanceof ObjectNode v) upgradeVersion(v);
            }
        }
        root.put("schemaVersion", 2);
    }

    private static void upgradeVersion(ObjectNode v) {
        lowerCase(v, "state");
        lowerCase(v, "finishReason");
        if (!v.path("probes").isObject()) v.putObject("probes");
        JsonNode convergence = v.path("probes").path("convergence");
        if (convergence instanceof ObjectNode c && !c.path("afterSettledShare").isNumber()) {
            c.putNull("afterSettledShare");
        }
    }

    private static void lowerCase(ObjectNode v, String field) {
        JsonNode value = v.get(field);
        if (value != null && value.isTextual()) v.put(field, value.asText().toLowerCase(Locale.ROOT));
    }
}

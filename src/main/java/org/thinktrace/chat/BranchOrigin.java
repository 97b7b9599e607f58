package org.thinktrace.chat;

import java.util.Objects;

/**
 * Where a response version branched off another version of the same response.
 *
 * @param fromVersion the version it branched from (0-based)
 * @param tokenIndex  the index of the first token that differs: tokens before it are the origin's own
 * @param replaced    the origin's text from that point that was replaced (a token's text, or an edited step's text)
 * @param inserted    the text put in its place ("" when the model simply continued)
 * @param edited      the inserted text was written by the user, so it is not the model's own
 */
public record BranchOrigin(int fromVersion, int tokenIndex, String replaced, String inserted, boolean edited) {

    public BranchOrigin {
        if (fromVersion < 0) throw new IllegalArgumentException("version must be >= 0, got " + fromVersion);
        if (tokenIndex < 0) throw new IllegalArgumentException("token index must be >= 0, got " + tokenIndex);
        Objects.requireNonNull(replaced, "replaced");
        Objects.requireNonNull(inserted, "inserted");
    }

    /** A label for people, e.g. {@code branched at token 412: "Wait" → "So"}. */
    public String label() {
        String what = edited ? "edited at token " + tokenIndex : "branched at token " + tokenIndex;
        return what + ": " + quote(replaced) + " → " + quote(inserted);
    }

    private static String quote(String text) {
        String shown = text.strip().replaceAll("\\s+", " ");
        if (shown.length() > 40) {
            int cut = Character.isHighSurrogate(shown.charAt(38)) ? 38 : 39; // not inside an emoji
            shown = shown.substring(0, cut) + "…";
        }
        return "\"" + shown + "\"";
    }
}

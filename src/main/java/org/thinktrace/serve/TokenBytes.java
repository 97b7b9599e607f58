package org.thinktrace.serve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of a token as OpenAI's {@code logprobs.bytes} reports them. A token whose bytes are not whole
 * characters is shown by the tokenizer as {@code <0xE4><0xBD>}; those become the raw bytes, anything else is
 * UTF-8 of the text.
 */
final class TokenBytes {

    private static final Pattern HEX_BYTES = Pattern.compile("(?:<0x[0-9A-Fa-f]{2}>)+");
    private static final Pattern ONE_BYTE = Pattern.compile("<0x([0-9A-Fa-f]{2})>");

    private TokenBytes() {
    }

    static byte[] of(String tokenText) {
        if (!tokenText.startsWith("<0x") || !HEX_BYTES.matcher(tokenText).matches()) {
            return tokenText.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = ONE_BYTE.matcher(tokenText);
        while (m.find()) out.write(Integer.parseInt(m.group(1), 16));
        return out.toByteArray();
    }
}

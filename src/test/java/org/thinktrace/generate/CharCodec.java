package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.thinktrace.text.ChatTurn;

/**
 * A test tokenizer: one token per character (printable ASCII and newline), plus BOS, EOS and the think tags
 * as control tokens. Its "chat template" is {@code <|role|>content} per turn, then {@code <|assistant|><think>\n}.
 */
public final class CharCodec implements PromptCodec {

    static final int BOS = 0;
    static final int EOS = 1;
    static final int THINK = 2;
    static final int END_THINK = 3;
    static final int NEWLINE = 4;
    private static final int FIRST_CHAR = 5; // ' ' (32) .. '~' (126) follow
    static final int VOCAB = FIRST_CHAR + 95;

    private final boolean opensThinking;

    public CharCodec(boolean opensThinking) {
        this.opensThinking = opensThinking;
    }

    static int id(char c) {
        if (c == '\n') return NEWLINE;
        if (c < 32 || c > 126) throw new IllegalArgumentException("no token for " + (int) c);
        return FIRST_CHAR + (c - 32);
    }

    /** Text as ids; {@code <think>} and {@code </think>} become their control tokens. */
    static List<Integer> ids(String text) {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("<s>", i)) {
                out.add(BOS);
                i += 3;
            } else if (text.startsWith("<think>", i)) {
                out.add(THINK);
                i += 7;
            } else if (text.startsWith("</think>", i)) {
                out.add(END_THINK);
                i += 8;
            } else {
                out.add(id(text.charAt(i++)));
            }
        }
        return out;
    }

    static String render(List<ChatTurn> turns, boolean opensThinking) {
        StringBuilder text = new StringBuilder();
        for (ChatTurn t : turns) text.append("<|").append(t.role().templateName()).append("|>").append(t.content());
        return text.append("<|assistant|>").append(opensThinking ? "<think>\n" : "").toString();
    }

    /**
     * Like Qwen3's template, {@code enable_thinking=false} closes an empty thinking block in the generation
     * prompt, so the whole response is answer.
     */
    @Override
    public EncodedPrompt encodeConversation(List<ChatTurn> turns, Map<String, Object> templateVariables) {
        if (opensThinking && Boolean.FALSE.equals(templateVariables.get("enable_thinking"))) {
            String text = render(turns, false) + "<think>\n\n</think>\n\n";
            return new EncodedPrompt(text, withBos(ids(text)), false);
        }
        String text = render(turns, opensThinking);
        return new EncodedPrompt(text, withBos(ids(text)), opensThinking);
    }

    @Override
    public EncodedPrompt encodeRaw(String text) {
        return new EncodedPrompt(text, withBos(ids(text)), false);
    }

    @Override
    public int[] encodeText(String text) {
        return text.chars().map(c -> id((char) c)).toArray();
    }

    @Override
    public int[] encodeControl(String text) {
        return ids(text).stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public TokenTextStream openStream(int[] precedingIds) {
        return new TokenTextStream() {
            @Override
            public String push(int id) {
                return id == BOS || id == EOS ? "" : tokenText(id);
            }

            @Override
            public String flush() {
                return "";
            }
        };
    }

    @Override
    public String tokenText(int id) {
        return switch (id) {
            case BOS -> "<s>";
            case EOS -> "</s>";
            case THINK -> "<think>";
            case END_THINK -> "</think>";
            case NEWLINE -> "\n";
            default -> String.valueOf((char) (32 + id - FIRST_CHAR));
        };
    }

    @Override
    public Set<Integer> eosIds() {
        return Set.of(EOS);
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(BOS);
    }

    private static int[] withBos(List<Integer> ids) {
        int[] out = new int[ids.size() + 1];
        out[0] = BOS;
        for (int i = 0; i < ids.size(); i++) out[i + 1] = ids.get(i);
        return out;
    }
}

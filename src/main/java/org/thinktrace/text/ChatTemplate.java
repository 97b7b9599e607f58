package org.thinktrace.text;

import org.thinktrace.text.jinja.JinjaTemplate;
import org.thinktrace.text.jinja.MarkedString;
import org.thinktrace.text.jinja.TemplateException;
import org.thinktrace.text.jinja.TemplateLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A model's own Jinja chat template, rendered as HuggingFace's {@code apply_chat_template} renders it
 * (see {@link JinjaTemplate} for the engine and its settings).
 *
 * <p>Provenance contract: message {@code content} and {@code reasoning_content} strings enter the template
 * marked; the engine keeps each character's mark through concatenation, slicing, {@code split},
 * {@code strip} and the other string operations templates apply to content (R1 keeps only the text after
 * the last {@code </think>}, Qwen3 splits and strips reasoning). The resulting {@link RenderedPrompt} text
 * is exactly the template's output, and its {@code userContent} segments are precisely the output
 * characters that came from message text, whatever the template did to it. Text a template builds from
 * content wholesale (a {@code tojson} of a message, an upper-cased copy) is content as a whole.
 */
public final class ChatTemplate {

    private static final String R1_RESOURCE = "r1-distill-chat-template.jinja";
    private static final String R1_BOS = "<｜begin▁of▁sentence｜>";
    private static final String R1_EOS = "<｜end▁of▁sentence｜>";
    private static final Set<String> CONTENT_FIELDS = Set.of("content", "reasoning_content");
    private static final String THINK_OPEN = "<think>";
    private static final String THINK_CLOSE = "</think>";

    private final String source;
    private final JinjaTemplate template;
    private final String bosToken;
    private final String eosToken;

    private ChatTemplate(String source, String bosToken, String eosToken, String origin) {
        this.source = source;
        this.template = JinjaTemplate.parse(source, origin, TemplateLimits.DEFAULT, java.time.ZonedDateTime::now);
        this.bosToken = bosToken;
        this.eosToken = eosToken;
    }

    /**
     * A template from its Jinja source, with the BOS/EOS texts the template sees as {@code bos_token} and
     * {@code eos_token} (either may be {@code null}, then the template sees an empty string).
     *
     * @throws IllegalArgumentException when the source is not a valid template, naming the line
     */
    public static ChatTemplate of(String jinjaSource, String bosToken, String eosToken) {
        return of(jinjaSource, bosToken, eosToken, null);
    }

    /**
     * As {@link #of(String, String, String)}, for a template read from {@code origin} (a file, named first in
     * every parse and render failure). Parsing and rendering obey {@link TemplateLimits#DEFAULT}.
     */
    public static ChatTemplate of(String jinjaSource, String bosToken, String eosToken, String origin) {
        try {
            return new ChatTemplate(Objects.requireNonNull(jinjaSource, "jinjaSource"), bosToken, eosToken, origin);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("invalid chat template: " + e.getMessage(), e);
        }
    }

    /** The official DeepSeek-R1-Distill chat template with R1's BOS/EOS, for folders that have no template. */
    public static ChatTemplate r1Fallback() {
        try (InputStream in = ChatTemplate.class.getResourceAsStream(R1_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + R1_RESOURCE + " is missing from the application");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8), R1_BOS, R1_EOS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + R1_RESOURCE, e);
        }
    }

    /** The tokenizer folder's own template with its BOS/EOS, or {@link #r1Fallback()} when it has none. */
    public static ChatTemplate forTokenizer(ModelTokenizer tokenizer) {
        return tokenizer.chatTemplate()
                .map(source -> of(source, tokenizer.bosToken(), tokenizer.eosToken(),
                        tokenizer.configFile() + " chat_template"))
                .orElseGet(ChatTemplate::r1Fallback);
    }

    /** The Jinja source this template renders. */
    public String source() {
        return source;
    }

    /**
     * Renders a conversation.
     *
     * @param turns               the messages, oldest first
     * @param addGenerationPrompt whether to end with the assistant header (and, for R1/QwQ, {@code <think>\n})
     * @param extraVariables      more template variables, e.g. {@code enable_thinking=false} for Qwen3
     * @throws IllegalArgumentException when the template rejects the conversation ({@code raise_exception})
     *                                  or fails on it; the message says why
     */
    public RenderedPrompt render(List<ChatTurn> turns, boolean addGenerationPrompt, Map<String, Object> extraVariables) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (ChatTurn turn : turns) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", turn.role().templateName());
            message.put("content", turn.content());
            messages.add(message);
        }
        return renderMessages(messages, addGenerationPrompt, extraVariables);
    }

    /**
     * Renders messages given as HF-style maps ({@code role}, {@code content}, and any further fields such
     * as {@code reasoning_content} or {@code tool_calls}); values are strings, numbers, booleans, null,
     * lists and maps.
     *
     * @throws IllegalArgumentException as {@link #render}
     */
    public RenderedPrompt renderMessages(List<Map<String, Object>> messages, boolean addGenerationPrompt,
                                         Map<String, Object> extraVariables) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("messages", markContent(messages));
        variables.put("add_generation_prompt", addGenerationPrompt);
        variables.put("bos_token", bosToken == null ? "" : bosToken);
        variables.put("eos_token", eosToken == null ? "" : eosToken);
        variables.putAll(extraVariables);
        JinjaTemplate.Rendered rendered;
        try {
            rendered = template.renderMarked(variables);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("chat template failed: " + e.getMessage(), e);
        }
        return new RenderedPrompt(rendered.text(), segments(rendered.text(), rendered.marked()),
                endsInsideThinking(rendered.text(), rendered.marked()));
    }

    private static List<Object> markContent(List<Map<String, Object>> messages) {
        List<Object> marked = new ArrayList<>();
        for (Map<String, Object> message : messages) {
            Map<String, Object> copy = new LinkedHashMap<>(message);
            for (String field : CONTENT_FIELDS) {
                if (copy.get(field) instanceof String text) {
                    copy.put(field, MarkedString.marked(text));
                }
            }
            marked.add(copy);
        }
        return marked;
    }

    private static List<RenderedPrompt.Segment> segments(String text, BitSet marked) {
        List<RenderedPrompt.Segment> segments = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            boolean content = marked.get(start);
            int end = content ? marked.nextClearBit(start) : marked.nextSetBit(start);
            if (end < 0 || end > text.length()) {
                end = text.length();
            }
            segments.add(new RenderedPrompt.Segment(text.substring(start, end), content));
            start = end;
        }
        return segments;
    }

    /** True when the template's own last {@code <think>} comes after its own last {@code </think>}. */
    private static boolean endsInsideThinking(String text, BitSet marked) {
        return lastStructural(text, marked, THINK_OPEN) > lastStructural(text, marked, THINK_CLOSE);
    }

    private static int lastStructural(String text, BitSet marked, String tag) {
        for (int at = text.lastIndexOf(tag); at >= 0; at = at == 0 ? -1 : text.lastIndexOf(tag, at - 1)) {
            int firstMarked = marked.nextSetBit(at);
            if (firstMarked < 0 || firstMarked >= at + tag.length()) {
                return at;
            }
        }
        return -1;
    }
}

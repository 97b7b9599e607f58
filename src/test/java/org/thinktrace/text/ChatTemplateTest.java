package org.thinktrace.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatTemplateTest {

    private static final String R1_DIR = "chat-templates/";

    @Test
    void r1FallbackIsTheOfficialR1Template() throws IOException {
        String official = Files.readString(Fixtures.require(R1_DIR + "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja"),
                StandardCharsets.UTF_8);
        assertEquals(official, ChatTemplate.r1Fallback().source());
        RenderedPrompt prompt = ChatTemplate.r1Fallback().render(List.of(ChatTurn.user("What is 17 * 23?")), true, Map.of());
        assertEquals(Files.readString(Fixtures.require(R1_DIR + "expected/deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.single-user.txt"),
                StandardCharsets.UTF_8), prompt.text());
    }

    @Test
    void r1DropsEarlierThinkingAndKeepsTheAnswerAsContent() {
        RenderedPrompt prompt = ChatTemplate.r1Fallback().render(List.of(
                ChatTurn.system("Be careful."),
                ChatTurn.user("Is 9.11 > 9.9?"),
                ChatTurn.assistant("<think>\ncompare tenths\n</think>\n\nNo."),
                ChatTurn.user("Why?")), true, Map.of());
        assertFalse(prompt.text().contains("compare tenths"), "earlier thinking is dropped");
        assertEquals(List.of(
                        new RenderedPrompt.Segment("<｜begin▁of▁sentence｜>", false),
                        new RenderedPrompt.Segment("Be careful.", true),
                        new RenderedPrompt.Segment("<｜User｜>", false),
                        new RenderedPrompt.Segment("Is 9.11 > 9.9?", true),
                        new RenderedPrompt.Segment("<｜Assistant｜>", false),
                        new RenderedPrompt.Segment("\n\nNo.", true),
                        new RenderedPrompt.Segment("<｜end▁of▁sentence｜><｜User｜>", false),
                        new RenderedPrompt.Segment("Why?", true),
                        new RenderedPrompt.Segment("<｜Assistant｜><think>\n", false)),
                prompt.segments());
        assertTrue(prompt.endsInsideThinking());
    }

    @Test
    void qwen3ReasoningIsStructureWrappedAroundContent() throws IOException {
        String source = Files.readString(Fixtures.require(R1_DIR + "Qwen-Qwen3-0.6B.jinja"), StandardCharsets.UTF_8);
        ChatTemplate template = ChatTemplate.of(source, null, "<|im_end|>");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("role", "assistant");
        answer.put("content", "<think>\n  step  \n</think>\n\nDone.");
        RenderedPrompt prompt = template.renderMessages(List.of(Map.of("role", "user", "content", "Go"), answer), false, Map.of());
        assertEquals("<|im_start|>user\nGo<|im_end|>\n<|im_start|>assistant\n<think>\n  step  \n</think>\n\nDone.<|im_end|>\n",
                prompt.text());
        assertEquals(List.of(
                        new RenderedPrompt.Segment("<|im_start|>user\n", false),
                        new RenderedPrompt.Segment("Go", true),
                        new RenderedPrompt.Segment("<|im_end|>\n<|im_start|>assistant\n<think>\n", false),
                        new RenderedPrompt.Segment("  step  ", true),
                        new RenderedPrompt.Segment("\n</think>\n\n", false),
                        new RenderedPrompt.Segment("Done.", true),
                        new RenderedPrompt.Segment("<|im_end|>\n", false)),
                prompt.segments());
        assertFalse(prompt.endsInsideThinking(), "the thinking is closed");
    }

    @Test
    void templateRefusalsAndSyntaxErrorsAreClearMessages() {
        ChatTemplate strict = ChatTemplate.of(
                "{% if messages[0].role != 'user' %}{{ raise_exception('Conversation must start with the user') }}{% endif %}ok",
                null, null);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> strict.render(List.of(ChatTurn.assistant("hi")), true, Map.of()));
        assertTrue(refused.getMessage().contains("Conversation must start with the user"), refused.getMessage());
        assertEquals("ok", strict.render(List.of(ChatTurn.user("hi")), true, Map.of()).text());

        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> ChatTemplate.of("line one\n{% for m in messages %}{{ m.content }", null, null));
        assertTrue(invalid.getMessage().contains("line 2"), invalid.getMessage());
    }

    @Test
    void strftimeNowAndExtraVariablesReachTheTemplate() {
        ChatTemplate template = ChatTemplate.of("{{ strftime_now('%Y') | length }}-{{ greeting }}-{{ bos_token }}", "<s>", "</s>");
        assertEquals("4-hello-<s>", template.render(List.of(), false, Map.of("greeting", "hello")).text());
    }
}

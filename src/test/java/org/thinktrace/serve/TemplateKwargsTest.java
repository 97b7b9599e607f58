package org.thinktrace.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.EncodedPrompt;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.TokenizerCodec;
import org.thinktrace.testing.Fixture;
import org.thinktrace.testing.LoadedTokenizers;
import org.thinktrace.text.ChatTemplate;
import org.thinktrace.text.ModelTokenizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code chat_template_kwargs} from a request body reach the chat template: Qwen3's official template with
 * {@code enable_thinking: false} renders exactly as Hugging Face's {@code apply_chat_template} does (the
 * reference rendering in the fixtures), and encodes as that text does.
 */
class TemplateKwargsTest {

    private static final String BODY = """
            {"model": "m", "messages": [{"role": "user", "content": "Say hi."}],
             "chat_template_kwargs": {"enable_thinking": %s, "unused_by_the_template": 3.5}}""";

    private static GenerationRequest parse(String body) throws ApiException {
        return new ChatCallParser(new ObjectMapper(), ServeLimits.defaults())
                .parse(body.getBytes(StandardCharsets.UTF_8)).request();
    }

    @Test
    void enableThinkingFalseRendersQwen3sTemplateWithoutThinking() throws Exception {
        Path folder = Fixture.require("tokenizers/qwen3");
        String source = Files.readString(Fixture.require("chat-templates/Qwen-Qwen3-0.6B.jinja"), StandardCharsets.UTF_8);
        String reference = Files.readString(
                Fixture.require("chat-templates/expected/Qwen-Qwen3-0.6B.qwen3-thinking-off.txt"), StandardCharsets.UTF_8);
        ModelTokenizer tokenizer = LoadedTokenizers.of(folder); // only encodes: the one this test JVM shares
        ChatTemplate template = ChatTemplate.of(source, tokenizer.bosToken(), tokenizer.eosToken());
        TokenizerCodec codec = new TokenizerCodec(tokenizer,
                (turns, variables) -> template.render(turns, true, variables), List.of());

        GenerationRequest off = parse(BODY.formatted("false"));
        EncodedPrompt prompt = codec.encodeConversation(off.conversation(), off.templateVariables());
        assertEquals(reference, prompt.text());
        assertTrue(prompt.text().endsWith("<think>\n\n</think>\n\n"), prompt.text());
        assertFalse(prompt.startsInThinking());
        assertArrayEquals(tokenizer.encodeSpecial(reference), prompt.ids());

        GenerationRequest on = parse(BODY.formatted("true")); // the template's default: no empty block
        assertEquals(reference.substring(0, reference.length() - "<think>\n\n</think>\n\n".length()),
                codec.encodeConversation(on.conversation(), on.templateVariables()).text());
    }
}

package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.generate.GenerationEvent;

/** Control sequences from model files or generated text reach the terminal shown, never obeyed. */
class TerminalEscapeTest {

    private static final String HOSTILE = "\u001b]0;PWNED\u0007\u001b[2J";

    @TempDir
    Path folder;

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F));
    }

    @Test
    void controlCharactersAreShownNotObeyed() {
        assertEquals("\\u001b]0;PWNED\\u0007\\u001b[2J", Terminal.visibleLines(HOSTILE));
        assertEquals("line\n\tindented", Terminal.visibleLines("line\n\tindented"));
        assertEquals("line\\n\\tindented", Terminal.visible("line\n\tindented"));
        assertEquals("a\\u000db \\u009b31m \\u202e", Terminal.visibleLines("a\rb \u009b31m \u202e"));
        assertEquals("plain ünïcode 中文", Terminal.visibleLines("plain ünïcode 中文"));
    }

    @Test
    void generatedTextIsFiltered() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TerminalPrinter printer = new TerminalPrinter(out, out, false, true);
        printer.accept(new GenerationEvent.ThinkingDelta("hmm " + HOSTILE));
        printer.accept(new GenerationEvent.AnswerDelta("answer " + HOSTILE));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(hasControl(printed), printed);
        assertTrue(printed.contains("answer \\u001b]0;PWNED\\u0007"), printed);
    }

    @Test
    void anErrorQuotingAConfigFileIsFiltered() throws IOException {
        try (var files = Files.list(Path.of("models/thinktrace-r1-tiny"))) {
            for (Path file : files.toList()) Files.copy(file, folder.resolve(file.getFileName()));
        }
        String config = Files.readString(folder.resolve("config.json"));
        String jsonEscaped = "\\u001b]0;PWNED\\u0007\\u001b[2J";
        Files.writeString(folder.resolve("config.json"), config.replace("\"Qwen2ForCausalLM\"", "\"" + jsonEscaped + "\""));
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"ask", "--model", folder.toString(), "hi"},
                new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(code != 0, err);
        assertTrue(err.contains("PWNED"), err);
        assertFalse(hasControl(err), err);
        assertFalse(hasControl(outBytes.toString(StandardCharsets.UTF_8)));
    }
}

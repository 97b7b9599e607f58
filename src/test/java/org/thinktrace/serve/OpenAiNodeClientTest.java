package org.thinktrace.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * {@code thinktrace serve} answers the official {@code openai} Node client (installed from the npm registry into
 * {@code target/node-openai} on first run). Skips, saying why, where node or npm is missing or the install fails.
 */
class OpenAiNodeClientTest {

    /** The client's major version: 6 is the last that runs on Node 20. */
    private static final String PACKAGE = "openai@6";
    private static final Path FOLDER = Path.of("target", "node-openai");

    @Test
    void theOfficialNodeClientReadsReasoningContentAnswersAndErrors() throws Exception {
        assumeTrue(runs("node", "--version"), "node is not on the PATH: the Node client test is skipped");
        assumeTrue(runs("npm", "--version"), "npm is not on the PATH: the Node client test is skipped");
        assumeTrue(install(), "npm could not install " + PACKAGE + " into " + FOLDER + ": the Node client test is skipped");
        Path script = FOLDER.resolve("openai-client.mjs");
        try (InputStream in = getClass().getResourceAsStream("openai-client.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> thinking = List.of("Two", " plus", " two", ".");
        List<String> answer = List.of("It", " is", " 4", ".");
        try (ScriptedGenerator generator = ScriptedGenerator.unpaced(thinking, answer);
             OpenAiServer server = OpenAiServer.start(generator, ServeOptions.loopback().withApiKey("test-key"))) {
            Result result = run(List.of("node", script.getFileName().toString(), server.baseUri().toString(), "test-key",
                    generator.modelName()), 120);
            assertEquals(0, result.code(), result.output());
            String[] lines = result.output().strip().split("\n");
            JsonNode read = HttpCalls.JSON.readTree(lines[lines.length - 1]);
            assertEquals(String.join("", thinking), read.get("reasoning").asText());
            assertEquals(String.join("", answer), read.get("content").asText());
            assertEquals(thinking.size() + answer.size(), read.get("tokens").asInt());
            assertEquals("stop", read.get("finish").asText());
            assertEquals(thinking.size(), read.at("/usage/completion_tokens_details/reasoning_tokens").asInt());
            assertEquals(generator.modelName(), read.at("/models/0").asText());
            assertEquals(String.join("", answer), read.at("/whole/content").asText());
            assertEquals(String.join("", thinking), read.at("/whole/reasoning").asText());
            assertEquals(401, read.at("/refused/status").asInt());
            assertEquals("invalid_api_key", read.at("/refused/code").asText());
            assertEquals(404, read.at("/unknownModel/status").asInt());
            assertEquals("model_not_found", read.at("/unknownModel/code").asText());
        }
    }

    private record Result(int code, String output) {
    }

    private static boolean install() throws Exception {
        if (Files.isDirectory(FOLDER.resolve("node_modules").resolve("openai"))) return true;
        Files.createDirectories(FOLDER);
        if (!Files.exists(FOLDER.resolve("package.json"))) {
            Files.writeString(FOLDER.resolve("package.json"), "{\"name\":\"thinktrace-node-client-test\",\"private\":true}\n");
        }
        Result r = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", PACKAGE), 300);
        if (r.code() != 0) System.err.println("npm install " + PACKAGE + " failed:\n" + r.output());
        return r.code() == 0;
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in {@link #FOLDER}, killing it after {@code seconds}. */
    private static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(FOLDER.toAbsolutePath(), "run", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(FOLDER.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertTrue(ended, String.join(" ", command) + " did not end within " + seconds + " s:\n" + output);
        return new Result(p.exitValue(), output);
    }
}

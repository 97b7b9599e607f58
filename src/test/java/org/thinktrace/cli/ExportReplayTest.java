package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.ChatSession;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SeedMode;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.cli.CliArgumentsTest.Run;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;
import org.thinktrace.model.RuntimeSettings;

/** A conversation generated on the bundled model, exported, then replayed token for token. */
class ExportReplayTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");

    @TempDir
    Path dir;

    @Test
    void exportThenReplayReportsIdenticalTokensForGreedySampledAndBranchedVersions() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no bundled model in " + MODEL.toAbsolutePath());
        ConversationStore store = new ConversationStore(dir.resolve("conversations"));
        String id;
        try (LoadedModel bundle = ModelSource.at(MODEL).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                RuntimeSettings.defaults().withThreads(1)), LoadProgress.NONE)) {
            ChatSession session = new ChatSession(Conversation.start(1), store, Runnable::run,
                    e -> { throw new AssertionError(e); }, Clock.systemUTC(), new Random(7));
            AppSettings greedy = new AppSettings(SamplingSettings.greedy(), SeedMode.RANDOM, 300, 0, "", true,
                    AppSettings.defaults().theme(), AppSettings.defaults().fontSize(), null);
            AppSettings sampled = new AppSettings(SamplingSettings.r1Defaults(), SeedMode.RANDOM, 300, 0, "", true,
                    greedy.theme(), greedy.fontSize(), null);
            id = awaitEnd(l -> session.send("What is 738 + 456?", bundle.generator(), greedy, l));
            awaitEnd(l -> session.regenerate(session.conversation().messages().getLast().id(), bundle.generator(),
                    sampled, l));
            AssistantMessage message = (AssistantMessage) session.conversation().message(id);
            TokenTrace first = message.versions().getFirst().tokens();
            TokenAlternative alternative = first.alternatives(10).get(1);
            awaitEnd(l -> session.branch(id, new BranchOrigin(0, 10, first.texts().get(10), alternative.text(), false),
                    new Continuation.Token(alternative.id()), bundle.generator(), greedy, l));
        }
        Path conversation = store.fileOf(store.loadAll().conversations().getFirst().id());
        Path export = dir.resolve("export.json");

        Run exported = CliArgumentsTest.main("export", "--conversation", conversation.toString(), "--format", "json",
                "--out", export.toString());
        assertEquals(0, exported.code(), exported.err());
        String saved = Files.readString(conversation);
        Run overwrite = CliArgumentsTest.main("export", "--conversation", conversation.toString(), "--out",
                conversation.toString());
        assertEquals(CliErrors.USAGE, overwrite.code(), overwrite.err());
        assertTrue(overwrite.err().contains("is the conversation file itself"), overwrite.err());
        assertEquals(saved, Files.readString(conversation), "the conversation file is untouched");

        Run replay = CliArgumentsTest.main("replay", export.toString(), "--model", MODEL.toString());
        assertEquals(0, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().contains("response 1, version 1: identical ("), replay.out());
        assertTrue(replay.out().contains("response 1, version 2: identical ("), replay.out());
        assertTrue(replay.out().contains("response 1, version 3: identical ("), replay.out());
        assertTrue(replay.out().contains("3 of 3 replayed versions identical"), replay.out());
        assertTrue(replay.out().contains("FP32)"), "replayed at the recorded precision: " + replay.out());
        assertEquals("", replay.err(), "no precision mismatch to report");

        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(export.toFile());
        ObjectNode model = (ObjectNode) root.at("/messages/1/versions/0/model");
        assertEquals("fp32", model.path("precision").asText(), "the export records the precision: " + model);
        model.put("weightsSha256", sha256(MODEL.resolve("model.safetensors")));
        json.writeValue(export.toFile(), root);
        Run withHash = CliArgumentsTest.main("replay", export.toString(), "--model", MODEL.toString());
        assertEquals(0, withHash.code(), "the recorded hash is the bundled model's: " + withHash.err());

        model.put("weightsSha256", "0".repeat(64));
        json.writeValue(export.toFile(), root);
        Run refused = CliArgumentsTest.main("replay", export.toString(), "--model", MODEL.toString());
        assertEquals(CliErrors.USAGE, refused.code());
        assertTrue(refused.err().contains("was not generated by thinktrace-r1-tiny"), refused.err());
        assertTrue(refused.err().contains("response 1, version 1: it was generated by"), refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());

        ((ObjectNode) root.at("/messages/1/versions/1/tokens/5")).put("id", 3);
        json.writeValue(export.toFile(), root);
        Run forced = CliArgumentsTest.main("replay", export.toString(), "--model", MODEL.toString(), "--force");
        assertEquals(CliErrors.FAILURE, forced.code(), forced.out() + forced.err());
        assertTrue(forced.out().contains("response 1, version 2: differs at token 5: expected 3 "), forced.out());
        assertTrue(forced.out().contains("2 of 3 replayed versions identical"), forced.out());

        ((ObjectNode) root.at("/messages/1/versions/2/origin")).put("fromVersion", 9);
        json.writeValue(export.toFile(), root);
        Run orphan = CliArgumentsTest.main("replay", export.toString(), "--model", MODEL.toString(), "--force");
        assertEquals(CliErrors.FAILURE, orphan.code(), "a version that could not be replayed is not a pass: " + orphan.out());
        assertTrue(orphan.out().contains("response 1, version 3: could not be replayed: the version it branched from "
                + "is not in the export"), orphan.out());
        assertTrue(orphan.out().contains("1 of 3 replayed versions identical"), orphan.out());

        JsonNode stats = root.at("/messages/1/versions/0/stats");
        int promptTokens = stats.path("promptTokens").asInt();
        ((ObjectNode) stats).put("promptTokens", promptTokens + 7);
        json.writeValue(export.toFile(), root);
        Run changed = CliArgumentsTest.main("replay", export.toString(), "--model", MODEL.toString(), "--force");
        assertTrue(changed.out().contains("response 1, version 1: could not be replayed: its prompt is " + promptTokens
                + " tokens now, not the " + (promptTokens + 7) + " it was generated from"), changed.out());
    }

    /** Starts a generation (which returns the response's id), waits for it to finish, and returns the id. */
    private static String awaitEnd(Function<Consumer<GenerationEvent>, String> start) throws Exception {
        CompletableFuture<GenerationEvent> end = new CompletableFuture<>();
        String id = start.apply(e -> {
            if (e instanceof GenerationEvent.Finished || e instanceof GenerationEvent.Failed) end.complete(e);
        });
        assertInstanceOf(GenerationEvent.Finished.class, end.get(120, TimeUnit.SECONDS));
        return id;
    }

    /** The reference: SHA-256 of the file's bytes read at once. */
    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

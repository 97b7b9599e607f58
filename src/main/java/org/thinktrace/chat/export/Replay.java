package org.thinktrace.chat.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.TextGenerator;

/**
 * Generates exported response versions again with their recorded prompt, sampling settings (seed included), token
 * limit and thinking budget, and compares the tokens (after checking that the prompt, which the export rebuilds from
 * the conversation as it is, has the length it had when the version was generated). A version branched off another is
 * continued from that version's kept tokens with the same insert (the alternative token, or the user's text). A
 * stopped version is generated up to the number of tokens it had. Failed and unfinished versions are not replayed.
 * Blocking: runs one generation at a time on the generator and waits for it.
 */
public final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    /** The outcome for one version. */
    public sealed interface Outcome {
        ExportedVersion version();
    }

    /** The same tokens, all {@code count} of them. */
    public record Identical(ExportedVersion version, int count) implements Outcome {
    }

    /**
     * The tokens differ from index {@code index} on ({@code expected} or {@code actual} is null where one ended).
     */
    public record Differs(ExportedVersion version, int index, TokenInfo expected, TokenInfo actual,
                          int expectedCount, int actualCount) implements Outcome {
    }

    /** Not replayed on purpose (a failed or unfinished version), with the reason. */
    public record Skipped(ExportedVersion version, String reason) implements Outcome {
    }

    /** Meant to be replayed but could not be (the generation failed, the version it branched from is missing). */
    public record NotReproduced(ExportedVersion version, String reason) implements Outcome {
    }

    private Replay() {
    }

    /** Replays every version of {@code versions} on {@code generator}, in order. */
    public static List<Outcome> run(List<ExportedVersion> versions, TextGenerator generator)
            throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (ExportedVersion v : versions) outcomes.add(replay(v, versions, generator));
        return outcomes;
    }

    private static Outcome replay(ExportedVersion v, List<ExportedVersion> all, TextGenerator generator)
            throws InterruptedException {
        if (v.state() == ResponseState.FAILED || v.state() == ResponseState.IN_PROGRESS) {
            return new Skipped(v, "it " + (v.state() == ResponseState.FAILED ? "failed" : "was never finished"));
        }
        int maxTokens = v.state() == ResponseState.STOPPED ? v.tokens().size() : v.maxTokens();
        if (maxTokens == 0) return new Identical(v, 0);
        GenerationRequest request = new GenerationRequest(v.prompt(), v.sampling(), maxTokens, v.thinkingBudget(),
                List.of());
        List<TokenInfo> tokens = new ArrayList<>();
        int[] promptTokens = {-1};
        java.util.function.Consumer<GenerationEvent> collect = e -> {
            if (e instanceof TokenInfo t) tokens.add(t);
            if (e instanceof GenerationEvent.PromptProcessed p) promptTokens[0] = p.promptIds().length;
        };
        GenerationHandle handle;
        if (v.origin() == null) {
            handle = generator.start(request, collect);
        } else {
            ExportedVersion from = all.stream().filter(o -> o.response() == v.response()
                    && o.version() == v.origin().fromVersion() + 1).findFirst().orElse(null);
            if (from == null || from.tokens().size() < v.origin().tokenIndex()) {
                return new NotReproduced(v, "the version it branched from is not in the export");
            }
            handle = generator.continueFrom(request, new Continuation(from.tokens().subList(0, v.origin().tokenIndex()),
                    insert(v, v.origin())), collect);
        }
        GenerationEvent end;
        try {
            end = handle.done().get();
        } catch (ExecutionException e) {
            LOG.warn("replaying {} failed", v.label(), e);
            return new NotReproduced(v, "the generation failed: " + e.getCause());
        } catch (InterruptedException e) {
            handle.cancel();
            throw e;
        }
        if (end instanceof GenerationEvent.Failed f) return new NotReproduced(v, "the generation failed: " + f.message());
        if (promptChanged(v, promptTokens[0])) {
            return new NotReproduced(v, "its prompt is " + promptTokens[0] + " tokens now, not the " + v.promptTokens()
                    + " it was generated from: the conversation before it changed since (another version of an earlier"
                    + " response chosen, or a message deleted), or this model or its context differs");
        }
        return compare(v, tokens);
    }

    /**
     * Whether a version generated afresh by a local model got a prompt of another length than it was generated from:
     * the export rebuilds each prompt from the conversation as it is, so this tells a changed context from a model
     * that does not reproduce (a branch's prompt counts its kept tokens, a server counts with its own tokenizer).
     */
    private static boolean promptChanged(ExportedVersion v, int promptTokens) {
        boolean comparable = v.origin() == null && v.promptTokens() >= 0 && promptTokens >= 0
                && (v.model() == null || v.model().endpoint() == null);
        return comparable && promptTokens != v.promptTokens();
    }

    private static Continuation.Insert insert(ExportedVersion v, BranchOrigin origin) {
        if (origin.edited()) return new Continuation.Text(origin.inserted());
        if (origin.inserted().isEmpty() || v.tokens().size() <= origin.tokenIndex()) return new Continuation.Nothing();
        return new Continuation.Token(v.tokens().get(origin.tokenIndex()).id());
    }

    static Outcome compare(ExportedVersion v, List<TokenInfo> actual) {
        List<TokenInfo> expected = v.tokens();
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (expected.get(i).id() != actual.get(i).id()) {
                return new Differs(v, i, expected.get(i), actual.get(i), expected.size(), actual.size());
            }
        }
        if (expected.size() == actual.size()) return new Identical(v, expected.size());
        return new Differs(v, common, common < expected.size() ? expected.get(common) : null,
                common < actual.size() ? actual.get(common) : null, expected.size(), actual.size());
    }
}

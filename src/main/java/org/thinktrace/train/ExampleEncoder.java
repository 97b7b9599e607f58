package org.thinktrace.train;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns teacher problems into {@link TrainingExample}s with the model's own {@code tokenizer.json}.
 * Prompt and completion are encoded separately and joined, exactly as at generation time the prompt
 * is encoded once and the completion arrives token by token.
 */
public final class ExampleEncoder implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    /** Loads {@code tokenizer.json} from {@code modelDir}: no truncation, no padding, no added BOS. */
    public ExampleEncoder(Path modelDir) throws IOException {
        this.tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(modelDir.resolve("tokenizer.json"))
                .optTruncation(false)
                .optPadding(false)
                .optAddSpecialTokens(false)
                .build();
    }

    /** The example for one problem: its conversation so far as the prompt, its response as the completion. */
    public TrainingExample encode(Problem problem) {
        long[] prompt = tokenizer.encode(R1ChatFormat.prompt(problem)).getIds();
        long[] completion = tokenizer.encode(R1ChatFormat.completion(problem)).getIds();
        int[] ids = new int[prompt.length + completion.length];
        for (int i = 0; i < prompt.length; i++) {
            ids[i] = Math.toIntExact(prompt[i]);
        }
        for (int i = 0; i < completion.length; i++) {
            ids[prompt.length + i] = Math.toIntExact(completion[i]);
        }
        return new TrainingExample(ids, prompt.length);
    }

    /** The examples of {@code problems} that fit in {@code contextLength} ids, in order. */
    public List<TrainingExample> encodeAll(List<Problem> problems, int contextLength) {
        List<TrainingExample> out = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            TrainingExample e = encode(p);
            if (e.length() <= contextLength) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}

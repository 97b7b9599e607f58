package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.thinktrace.model.Architecture;
import org.thinktrace.model.CausalLM;
import org.thinktrace.model.ModelConfig;

/**
 * A test model: every {@link #forward} call returns logits that make the next id of its script the clear
 * favourite (logit 10, all others 0), and EOS once the script is used up. It checks the context length as
 * the real decoder does and records every call.
 */
public final class ScriptedModel implements CausalLM {

    private final int contextLength;
    private final int vocabSize;
    private List<Integer> script = List.of();
    private int next;
    private int endId = CharCodec.EOS;
    private int position;
    private int failOnCall = -1;
    private IntConsumer beforeForward = call -> { };
    private Runnable onClose = () -> { };
    public final List<int[]> forwardCalls = new ArrayList<>();
    final List<Integer> truncations = new ArrayList<>();
    final List<String> threads = new ArrayList<>();
    boolean closed;

    public ScriptedModel(int contextLength) {
        this(contextLength, CharCodec.VOCAB);
    }

    /** A model over another vocabulary, scripted with {@link #sayIds}. */
    ScriptedModel(int contextLength, int vocabSize) {
        this.contextLength = contextLength;
        this.vocabSize = vocabSize;
    }

    /** The ids the model "wants" to produce from the next forward call on; EOS of {@link CharCodec} after them. */
    ScriptedModel sayIds(int... ids) {
        script = java.util.Arrays.stream(ids).boxed().toList();
        next = 0;
        return this;
    }

    /** What the model "wants" to say from the next forward call on, as text of {@link CharCodec}. */
    public ScriptedModel say(String text) {
        script = CharCodec.ids(text);
        next = 0;
        return this;
    }

    /** The id produced once the script is used up (CharCodec's EOS unless set). */
    ScriptedModel endWith(int id) {
        endId = id;
        return this;
    }

    /** The forward call with this index (0-based over the model's life) throws. */
    ScriptedModel failOnCall(int call) {
        failOnCall = call;
        return this;
    }

    /** Runs before each forward call, with the call's index. */
    public ScriptedModel beforeForward(IntConsumer hook) {
        beforeForward = hook;
        return this;
    }

    /** Runs first when the model is closed (a hook that throws makes closing fail). */
    public ScriptedModel onClose(Runnable hook) {
        onClose = hook;
        return this;
    }

    @Override
    public ModelConfig config() {
        return new ModelConfig(Architecture.LLAMA, 8, 16, 1, 2, 1, 4, vocabSize, contextLength, 1e-5, 10000,
                null, true, false, false, CharCodec.BOS, List.of(CharCodec.EOS));
    }

    @Override
    public float[] forward(int[] ids) {
        int call = forwardCalls.size();
        forwardCalls.add(ids.clone());
        threads.add(Thread.currentThread().getName());
        beforeForward.accept(call);
        if (call == failOnCall) throw new IllegalStateException("scripted failure on call " + call);
        if (ids.length == 0) throw new IllegalArgumentException("no ids");
        if (position + ids.length > contextLength) {
            throw new IllegalArgumentException("context overflow: " + (position + ids.length) + " > " + contextLength);
        }
        position += ids.length;
        float[] logits = new float[vocabSize];
        logits[next < script.size() ? script.get(next) : endId] = 10f;
        next++;
        return logits;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void truncate(int length) {
        truncations.add(length);
        position = Math.min(position, length);
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public void close() {
        onClose.run();
        closed = true;
        threads.add(Thread.currentThread().getName());
    }

    static String text(int[] ids) {
        CharCodec codec = new CharCodec(false);
        StringBuilder out = new StringBuilder();
        Arrays.stream(ids).forEach(id -> out.append(codec.tokenText(id)));
        return out.toString();
    }
}

package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tokens of a streaming response as they arrive: text, whether it is thinking, and probability. Grows
 * on the FX thread (once per frame, from the drained events); readers on the FX thread see a consistent prefix.
 */
final class LiveTokens {

    private final List<String> texts = new ArrayList<>();
    private boolean[] thinking = new boolean[256];
    private float[] probability = new float[256];

    void add(String text, boolean isThinking, float p) {
        int i = texts.size();
        if (i == probability.length) {
            thinking = Arrays.copyOf(thinking, i * 2);
            probability = Arrays.copyOf(probability, i * 2);
        }
        texts.add(text);
        thinking[i] = isThinking;
        probability[i] = p;
    }

    int size() {
        return texts.size();
    }

    String text(int i) {
        return texts.get(i);
    }

    boolean thinking(int i) {
        return thinking[i];
    }

    float probability(int i) {
        return probability[i];
    }
}

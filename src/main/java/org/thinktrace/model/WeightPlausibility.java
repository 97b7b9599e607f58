package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cheap look at the first values of every weight matrix for signs that the file is not what its header
 * says: non-finite values, or a root mean square far above any trained model's. BF16 data labelled F16 is
 * the typical case: a trained weight of 0.02 stored as BF16 reads as about 1.3 as F16, so every matrix has an
 * RMS above 1, where trained language models have about 0.01 to 0.1. Such a checkpoint loads and generates
 * garbage; this names the tensor instead.
 */
final class WeightPlausibility {

    /** Values sampled per matrix (its first rows). */
    static final int SAMPLE = 4096;
    /** Matrices of trained models have an RMS far below this. */
    static final double MAX_RMS = 1.0;

    private WeightPlausibility() {
    }

    /** One line per implausible matrix, empty when all look like trained weights. */
    static List<String> problems(SafetensorsCheckpoint checkpoint, List<ParameterSpec> specs) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec spec : specs) {
            if (spec.shape().length != 2 || spec.shape()[0] == 0 || spec.shape()[1] == 0) continue;
            long rows = Math.max(1, Math.min(spec.shape()[0], SAMPLE / spec.shape()[1]));
            ByteBuffer bytes = checkpoint.readFloat32Rows(spec.key(), 0, rows);
            FloatBuffer values = bytes.asFloatBuffer();
            double sumSquares = 0;
            int nonFinite = 0;
            int count = values.remaining();
            for (int i = 0; i < count; i++) {
                float v = values.get(i);
                if (!Float.isFinite(v)) nonFinite++;
                else sumSquares += (double) v * v;
            }
            double rms = Math.sqrt(sumSquares / Math.max(1, count - nonFinite));
            TensorDataType stored = checkpoint.info(spec.key()).dtype();
            if (nonFinite > 0) {
                problems.add(String.format(Locale.ROOT, "tensor %s (%s) has %d non-finite values among its first %d",
                        spec.key(), stored, nonFinite, count));
            } else if (rms > MAX_RMS) {
                problems.add(String.format(Locale.ROOT, "tensor %s (%s) has an RMS of %.2f in its first %d values,"
                        + " far above trained weights (about 0.01 to 0.1)", spec.key(), stored, rms, count));
            }
        }
        return problems;
    }
}

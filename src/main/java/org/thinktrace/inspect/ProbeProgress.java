package org.thinktrace.inspect;

/** Progress of a probe run on the model thread: {@code done} of {@code total} units finished. */
@FunctionalInterface
public interface ProbeProgress {

    ProbeProgress NONE = (done, total) -> { };

    void update(int done, int total);
}

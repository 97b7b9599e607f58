package org.thinktrace.model;

import java.util.function.IntConsumer;

/** A projection kernel with a worker lane that other work of a decode step may share ({@link JavaDecodeStep}'s attention). */
interface LaneSharing {

    /**
     * Runs {@code work} for tasks {@code 0 .. count-1}, each exactly once, on the calling thread and, when the kernel
     * has a worker, that worker too, returning when all are done.
     */
    void inLanes(int count, IntConsumer work);
}

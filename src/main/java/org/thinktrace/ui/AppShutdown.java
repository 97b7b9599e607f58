package org.thinktrace.ui;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.DataFolderLock;

/**
 * What the app does as it ends, in order: the view-model stops any generation (waiting a few seconds at most for its
 * end, so that its save is queued with all it received) and releases the model, the background work is interrupted,
 * the saves queued are written (10 s at most), the conversation store is closed (a file it is reading or moving
 * aside at start is waited for, 5 s at most, and it touches no file after), and only then is the data folder let go.
 *
 * @param main          the main window's view-model
 * @param background    where model loads and the start-up read of the conversations run
 * @param storage       where files are written
 * @param conversations the store of the view-model's conversations
 * @param lock          the data folder's lock
 */
record AppShutdown(MainViewModel main, ExecutorService background, ExecutorService storage,
                   ConversationStore conversations, DataFolderLock lock) {

    /** How long the exit waits for a file operation of the conversation store still in flight once the saves ended. */
    static final Duration STORE_CLOSE = Duration.ofSeconds(5);
    /** How long the exit waits for the saves queued. */
    static final Duration SAVES = Duration.ofSeconds(10);

    /**
     * Runs the steps; a step that fails is logged and the later ones still run (the saves, then the lock). An
     * interrupt of the calling thread (before or during the exit) cuts no wait short; it is set again at the end.
     */
    void run() {
        try {
            main.close();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(AppShutdown.class).error("stopping the generation or releasing the model failed at"
                    + " exit; the saves queued are still written", e);
        }
        boolean interrupted = Thread.interrupted();
        background.shutdownNow();
        storage.shutdown();
        try {
            // Let the last saves finish (10 s at most): a conversation is written after every message.
            long deadline = System.nanoTime() + SAVES.toNanos();
            while (true) {
                try {
                    storage.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;                      // the rest of the time is still waited
                }
            }
        } finally {
            conversations.close(STORE_CLOSE);
            lock.close();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}

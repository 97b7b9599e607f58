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

    /** Runs the steps; a step that fails is logged and the later ones still run (the saves, then the lock). */
    void run() throws InterruptedException {
        try {
            main.close();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(AppShutdown.class).error("stopping the generation or releasing the model failed at"
                    + " exit; the saves queued are still written", e);
        }
        background.shutdownNow();
        storage.shutdown();
        // Let the last saves finish: a conversation is written after every message.
        storage.awaitTermination(10, TimeUnit.SECONDS);
        conversations.close(STORE_CLOSE);
        lock.close();
    }
}

package org.thinktrace.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.thinktrace.chat.DataFolderLock;

/**
 * What the app does as it ends, in order: the view-model stops any generation (waiting a few seconds at most for its
 * end, so that its save is queued with all it received) and releases the model, the background work is interrupted,
 * the saves queued are written (10 s at most), and the data folder is let go.
 *
 * @param main       the main window's view-model
 * @param background where model loads and the start-up read of the conversations run
 * @param storage    where files are written
 * @param lock       the data folder's lock
 */
record AppShutdown(MainViewModel main, ExecutorService background, ExecutorService storage, DataFolderLock lock) {

    void run() throws InterruptedException {
        main.close();
        background.shutdownNow();
        storage.shutdown();
        // Let the last saves finish: a conversation is written after every message.
        storage.awaitTermination(10, TimeUnit.SECONDS);
        lock.close();
    }
}

package org.thinktrace.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;

/** Runs work on the FX thread and waits for its result, for benchmark programs that start the toolkit themselves. */
final class FxCalls {

    private FxCalls() {
    }

    /** {@code work}'s result, computed on the FX thread; its exception rethrown (wrapped) on the caller's. */
    static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }
}

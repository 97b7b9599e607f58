package org.thinktrace.serve;

import io.helidon.logging.common.spi.LoggingProvider;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Helidon's logging provider for ThinkTrace: the HTTP server logs through {@code java.util.logging}, and this
 * sends those lines to SLF4J (ThinkTrace's log file, not the console). Helidon finds it with
 * {@link java.util.ServiceLoader} when the server starts; without a provider it prints "There is no Helidon
 * logging implementation on classpath" to the console.
 */
public final class HelidonLogging implements LoggingProvider {

    /** Called by Helidon once, when its logging is first configured. */
    @Override
    public void initialization() {
        routeJavaUtilLogging();
    }

    /** Called by Helidon for a native image at run time; nothing differs there. */
    @Override
    public void runTime() {
        routeJavaUtilLogging();
    }

    /** Routes {@code java.util.logging} to SLF4J, replacing the console handler. Idempotent. */
    static synchronized void routeJavaUtilLogging() {
        if (SLF4JBridgeHandler.isInstalled()) return;
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}

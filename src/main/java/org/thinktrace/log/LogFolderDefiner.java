package org.thinktrace.log;

import ch.qos.logback.core.PropertyDefinerBase;

/** Gives {@code logback.xml} the log folder ({@link LogFolder#current()}) as the property {@code LOG_DIR}. */
public final class LogFolderDefiner extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        return LogFolder.current().toString();
    }
}

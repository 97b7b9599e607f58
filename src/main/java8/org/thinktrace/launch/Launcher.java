package org.thinktrace.launch;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's {@code Main-Class}, compiled for Java 8 so that an older {@code java} can run it: it says which
 * Java ThinkTrace needs instead of failing with {@code UnsupportedClassVersionError}, and otherwise hands over to
 * {@code org.thinktrace.ThinkTrace} (found by name, since this class must not link against classes compiled for
 * Java 21).
 */
public final class Launcher {

    /** The oldest Java that runs ThinkTrace. */
    static final int REQUIRED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int running = feature(System.getProperty("java.specification.version", "0"));
        if (running < REQUIRED) {
            System.err.println("ThinkTrace needs Java " + REQUIRED + " or newer; this is Java " + running
                    + " (" + System.getProperty("java.home") + "). Set JAVA_HOME or put a newer java first on the PATH.");
            System.exit(1);
        }
        try {
            Class.forName("org.thinktrace.ThinkTrace").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
    static int feature(String specification) {
        String number = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < number.length() && Character.isDigit(number.charAt(end))) end++;
        return end == 0 ? 0 : Integer.parseInt(number.substring(0, end));
    }
}

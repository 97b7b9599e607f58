/**
 * Logging set-up shared by every layer: where the log file lives ({@link org.thinktrace.log.LogFolder}), how a
 * failure is shown to a user ({@link org.thinktrace.log.Failures}), and the optional console copy for
 * {@code --verbose} ({@link org.thinktrace.log.ConsoleLogging}). Depends on nothing else in ThinkTrace.
 */
package org.thinktrace.log;

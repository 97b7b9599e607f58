/**
 * Writing files so that a crash or a power loss leaves the old content or the new ({@link
 * org.thinktrace.files.AtomicFiles}), for every layer that keeps a file of its own: conversations, settings, exports,
 * the weights' hash cache. Depends on nothing else in ThinkTrace.
 */
package org.thinktrace.files;

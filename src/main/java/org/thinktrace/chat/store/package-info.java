/**
 * The conversation file format, version {@link org.thinktrace.chat.store.ConversationFormat#VERSION}: its own
 * records with explicit JSON names ({@code Stored…}), independent of the domain records in
 * {@link org.thinktrace.chat}, so that renaming a domain component never changes what is on disk.
 * {@link org.thinktrace.chat.store.StoredMapping} is the one place that maps domain ⇄ stored;
 * {@link org.thinktrace.chat.store.VersionOneMigration} upgrades files of version 1; docs/conversation-format.md
 * and docs/conversation.schema.json describe the format.
 */
package org.thinktrace.chat.store;

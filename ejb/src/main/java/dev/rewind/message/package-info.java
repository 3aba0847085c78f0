/**
 * A JMS message as Rewind reads it: {@link dev.rewind.message.Envelope} (id, type, body, properties and what
 * makes it unusable, each read once), ids derived from JMS message ids ({@link dev.rewind.message.MessageIds}),
 * the kinds of rejection, and the ledger's JSON form of user properties ({@link dev.rewind.message.PropertiesJson}).
 */
package dev.rewind.message;

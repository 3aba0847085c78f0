/**
 * Causal lineage: messages a handler sends while it runs ({@link dev.rewind.spi.MessageContext#send}) are
 * recorded with their cause, in the handler's transaction; the tree of causes and follow-ups is read from that
 * link, for the lineage view and for a cascading revoke.
 */
package dev.rewind.lineage;

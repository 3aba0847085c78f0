/**
 * The demo domain, plugged into Rewind as a user's handlers are (a library in the EAR with its own
 * persistence unit and table, {@code demo_account}): accounts and money transfers. The handler of
 * {@code transfer.requested} moves money in the consumer's transaction; its compensation moves it
 * back. A frozen account makes transfers fail until it is unfrozen: the "bug" a replay fixes.
 */
package dev.rewind.example;

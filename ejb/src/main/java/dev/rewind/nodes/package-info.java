/**
 * Several servers sharing one ledger and one broker: each node's name and identity, the registry of live
 * nodes (a heartbeat in the ledger's database), and the named leases that let one node at a time run work
 * that must not run twice at once.
 */
package dev.rewind.nodes;

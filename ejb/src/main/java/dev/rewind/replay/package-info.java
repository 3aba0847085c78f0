/** Replay: a message runs again as a new attempt of the same ledger entry. */
package dev.rewind.replay;

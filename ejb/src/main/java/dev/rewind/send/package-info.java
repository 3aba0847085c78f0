/** Sending JMS messages from the ledger: through Rewind, as a replay, or as a compensation. */
package dev.rewind.send;

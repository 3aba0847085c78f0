/**
 * Revoke: withdraw a message its handler has not run (the entry becomes REVOKED and the consumer
 * skips it), or compensate one it has run (a compensating message runs the handler's
 * {@code compensate}).
 */
package dev.rewind.revoke;

/**
 * Edit and retry: a corrected message runs instead of one that has not taken effect, which is superseded
 * (kept, with its body, and withdrawn from its queues) in the same transaction.
 */
package dev.rewind.edit;

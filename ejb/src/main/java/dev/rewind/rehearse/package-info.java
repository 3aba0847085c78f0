/**
 * Rehearsal: a handler runs on a message in a transaction that always rolls back, to learn whether a
 * replay (or an edit) would work before anything is done. Only for handlers marked {@code @Rehearsable}.
 */
package dev.rewind.rehearse;

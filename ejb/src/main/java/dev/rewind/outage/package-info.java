/**
 * Waiting out a database outage: consumers annotated {@link dev.rewind.outage.WaitsForDatabase} stop taking
 * messages while the ledger's database is unreachable ({@link dev.rewind.outage.DatabaseOutage}, probed by
 * {@link dev.rewind.outage.DatabaseProbe}), so that no delivery attempt is burnt on it.
 */
package dev.rewind.outage;

/** Read-only views of the ledger for the API, the tests and other applications. */
package dev.rewind.query;

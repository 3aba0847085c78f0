/**
 * The stateless session bean other applications and the admin API call: replay, revoke, send,
 * bulk jobs and queries, with a local and a remote business interface. Each call runs in a
 * transaction of its own that has committed when the call returns.
 */
package dev.rewind.operations;

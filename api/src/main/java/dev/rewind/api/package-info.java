/**
 * What code outside Rewind depends on. {@link dev.rewind.api.Rewind} (local, inject it in the same server)
 * and {@link dev.rewind.api.RewindRemote} (remote EJB clients) offer the operations of
 * {@link dev.rewind.api.RewindOperations}: replay, revoke, send, hold, bulk jobs and queries. Their
 * arguments and answers are the records here ({@link dev.rewind.api.EntryView}, {@link dev.rewind.api.Page},
 * {@link dev.rewind.api.JobView}, ...), serializable for remote calls; the exceptions say why a call changed
 * nothing. {@link dev.rewind.api.Roles}, {@link dev.rewind.api.RewindHeaders} and
 * {@link dev.rewind.api.RewindQueues} name the roles, JMS headers and queues of the contract.
 *
 * <p>This package has no entities and no beans: a remote client needs this jar and the WildFly EJB client
 * only. The handler SPI is in {@code dev.rewind.spi}, in the same jar: handler authors compile against it
 * and deploy in the same EAR, so one small artifact serves both.
 */
package dev.rewind.api;

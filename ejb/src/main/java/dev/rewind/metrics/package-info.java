/** Micrometer meters, fed by the CDI events the flows fire once their transactions have completed. */
package dev.rewind.metrics;

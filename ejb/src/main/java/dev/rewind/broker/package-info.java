/** What Rewind asks of the broker beyond sending: finding and removing a message still in a queue. */
package dev.rewind.broker;

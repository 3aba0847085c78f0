package dev.rewind.api;

import jakarta.ejb.Local;

/** The local business interface: {@code @Inject Rewind rewind;} in the same server. */
@Local
public interface Rewind extends RewindOperations {
}

package dev.rewind.operations;

import jakarta.ejb.Remote;

/**
 * The remote business interface, for other servers:
 * {@code ejb:rewind/rewind-ejb/RewindService!dev.rewind.operations.RewindRemote} over
 * {@code remote+http://host:8080}, as a user of the ApplicationRealm.
 */
@Remote
public interface RewindRemote extends RewindOperations {
}

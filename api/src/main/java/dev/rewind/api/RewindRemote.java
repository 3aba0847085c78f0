package dev.rewind.api;

import jakarta.ejb.Remote;

/**
 * The remote business interface, for other servers:
 * {@code ejb:rewind/rewind-ejb/RewindService!dev.rewind.api.RewindRemote} over
 * {@code remote+http://host:8080}, as a user of the ApplicationRealm.
 */
@Remote
public interface RewindRemote extends RewindOperations {
}

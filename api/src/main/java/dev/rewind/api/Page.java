package dev.rewind.api;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a keyset-paginated list, newest first.
 *
 * @param items      at most the requested number of items
 * @param nextCursor pass it back for the next page; null on the last page
 */
public record Page<T extends Serializable>(List<T> items, String nextCursor) implements Serializable {
}

package dev.rewind.api;

import java.io.Serializable;

/**
 * One difference between an edited message and the one it replaced.
 *
 * @param path   where: {@code body} for the whole body, {@code body.amount}, {@code body.items[2].sku}, or
 *               {@code properties.region}
 * @param before the value before, as JSON text; null when it was absent
 * @param after  the value after, as JSON text; null when it was removed
 */
public record FieldChange(String path, String before, String after) implements Serializable {
}

package dev.rewind.bench;

import java.util.UUID;

/** A message the bare consumer handled (observed after its transaction committed). */
public record BareHandled(UUID id) {
}

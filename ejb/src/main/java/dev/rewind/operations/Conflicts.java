package dev.rewind.operations;

import dev.rewind.ledger.DatabaseFailure;

/** Recognises failures that come from another transaction changing the same rows: worth one more try. */
final class Conflicts {

    private Conflicts() {
    }

    static boolean isRetryable(Throwable thrown) {
        return DatabaseFailure.of(thrown) == DatabaseFailure.CONFLICT;
    }
}

package dev.rewind.api;

/** The roles Rewind checks, as groups of the server's ApplicationRealm. */
public final class Roles {

    /** Reads the ledger and jobs. */
    public static final String VIEWER = "rewind-viewer";
    /** Also replays, revokes, sends and runs bulk jobs. */
    public static final String OPERATOR = "rewind-operator";
    /**
     * Approves or rejects the requests the approval policy holds back (four eyes): never one's own. Approving
     * carries the request out; the role alone does not allow starting anything.
     */
    public static final String APPROVER = "rewind-approver";
    /** Another application that sends messages through Rewind. */
    public static final String SENDER = "rewind-sender";

    private Roles() {
    }
}

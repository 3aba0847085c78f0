/**
 * Four eyes: the approval policy says which requests a second person must approve; such a request is kept
 * AWAITING_APPROVAL (nothing runs) until another principal with the approver role approves it (it is then
 * carried out), rejects it, or it expires.
 */
package dev.rewind.approval;

-- Rewind ledger, version 11: edit and retry. An entry replaced by an edited message before it took effect
-- is SUPERSEDED (final); the two entries name each other.
alter table rewind_entry alter column status set data type enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING','SUPERSEDED');
alter table rewind_history alter column from_status set data type enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING','SUPERSEDED');
alter table rewind_history alter column to_status set data type enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING','SUPERSEDED');
alter table rewind_job alter column filter_status set data type enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING','SUPERSEDED');
alter table rewind_entry add column edit_of uuid;
alter table rewind_entry add column superseded_by uuid;
-- Both ends of an edit name each other, so following the chain either way reads one row per step (no index).

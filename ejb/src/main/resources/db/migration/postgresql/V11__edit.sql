-- Rewind ledger, version 11: edit and retry. An entry replaced by an edited message before it took effect
-- is SUPERSEDED (final); the two entries name each other.
alter table rewind_entry drop constraint rewind_entry_status_check;
alter table rewind_entry add constraint rewind_entry_status_check check (status in ('PENDING','PROCESSED','FAILED','REPLAYING','REVOKING','REVOKED','REVOKE_FAILED','SUPERSEDED'));
alter table rewind_history drop constraint rewind_history_from_status_check;
alter table rewind_history add constraint rewind_history_from_status_check check (from_status in ('PENDING','PROCESSED','FAILED','REPLAYING','REVOKING','REVOKED','REVOKE_FAILED','SUPERSEDED'));
alter table rewind_history drop constraint rewind_history_to_status_check;
alter table rewind_history add constraint rewind_history_to_status_check check (to_status in ('PENDING','PROCESSED','FAILED','REPLAYING','REVOKING','REVOKED','REVOKE_FAILED','SUPERSEDED'));
alter table rewind_job drop constraint rewind_job_filter_status_check;
alter table rewind_job add constraint rewind_job_filter_status_check check (filter_status in ('PENDING','PROCESSED','FAILED','REPLAYING','REVOKING','REVOKED','REVOKE_FAILED','SUPERSEDED'));
alter table rewind_entry add column edit_of uuid;
alter table rewind_entry add column superseded_by uuid;
-- Both ends of an edit name each other, so following the chain either way reads one row per step (no index).

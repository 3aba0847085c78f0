-- Rewind ledger, version 10: a bulk job's filter may name the error class of a failure group, so the
-- console's "replay this group" covers exactly the group's entries.
alter table rewind_job add column filter_error_class varchar(200);

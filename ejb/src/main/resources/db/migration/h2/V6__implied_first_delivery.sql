-- Rewind ledger, version 6: a message whose first delivery succeeds is one row.
--
-- The consumer's hot path wrote four rows per message (the entry, its attempt, two history rows). Now an
-- entry that its first delivery handled keeps when that attempt began and on which node; its attempt and
-- its first two history rows are implied by these columns, created_at and processed_at, and written as
-- rows by the first later change of the entry (a replay, a revoke, a hold), which clears these columns.
alter table rewind_entry add column first_started_at timestamp(6) with time zone;
alter table rewind_entry add column first_node varchar(100);

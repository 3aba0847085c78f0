-- Rewind ledger, version 2: retention. A hold keeps an entry from being purged; purged_at marks an
-- entry whose body and properties retention removed. The index serves the purge's selection.

alter table rewind_entry add column hold boolean default false not null;

alter table rewind_entry add column purged_at timestamp(6) with time zone;

create index rewind_entry_retention on rewind_entry (status, processed_at);

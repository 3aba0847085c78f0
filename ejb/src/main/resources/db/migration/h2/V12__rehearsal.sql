-- Rewind ledger, version 12: rehearsal. A REHEARSE job runs each entry's handler in a transaction that is
-- rolled back and keeps what it found per entry; a later job's filter may take only the entries that would
-- succeed.
alter table rewind_job alter column kind set data type enum ('REPLAY','REVOKE','REHEARSE');
alter table rewind_job add column filter_would_succeed_in bigint;
create table rewind_rehearsal (job_id bigint not null, entry_id uuid not null, outcome varchar(20) not null, error_class varchar(200), error varchar(1000), micros bigint not null, primary key (job_id, entry_id));

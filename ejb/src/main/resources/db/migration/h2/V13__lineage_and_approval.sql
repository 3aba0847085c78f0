-- Rewind ledger, version 13: causal lineage and four-eyes approval.
-- A message a handler sent while it ran names its cause; children are looked up by it (lineage, cascading revoke).
alter table rewind_entry add column caused_by uuid;
create index rewind_entry_caused_by on rewind_entry (caused_by);
-- A cascade's compensation of a message waits (REVOKING, nothing sent) until what the message caused is revoked.
alter table rewind_entry add column compensation_held boolean default false not null;
-- Requests the approval policy holds back until a second person decides.
alter table rewind_job alter column state set data type enum ('AWAITING_APPROVAL','REJECTED','CANCELLED','COMPLETED','FAILED','RUNNING');
create sequence rewind_approval_seq start with 1 increment by 1;
create table rewind_approval (id bigint not null, kind enum ('BULK','FORCED_REPLAY','REVOKE') not null, state enum ('AWAITING_APPROVAL','APPROVED','REJECTED','EXPIRED') not null, entry_id uuid, job_id bigint, cascade_revoke boolean not null, target varchar(200), why varchar(1000) not null, requested_by varchar(200) not null, requested_at timestamp(6) with time zone not null, reason varchar(1000) not null, expires_at timestamp(6) with time zone not null, decided_by varchar(200), decided_at timestamp(6) with time zone, decision varchar(1000), version bigint not null, primary key (id));
create index rewind_approval_state on rewind_approval (state, id);
create index rewind_approval_entry on rewind_approval (entry_id);
create index rewind_approval_job on rewind_approval (job_id);

-- Rewind ledger, version 13: causal lineage and four-eyes approval.
-- A message a handler sent while it ran names its cause; children are looked up by it (lineage, cascading revoke).
-- Partial: most messages have no cause, and the consumer's insert of those does not touch the index.
alter table rewind_entry add column caused_by uuid;
create index rewind_entry_caused_by on rewind_entry (caused_by) where caused_by is not null;
-- A cascade's compensation of a message waits (REVOKING, nothing sent) until what the message caused is revoked.
alter table rewind_entry add column compensation_held boolean default false not null;
-- Requests the approval policy holds back until a second person decides.
alter table rewind_job drop constraint rewind_job_state_check;
alter table rewind_job alter column state set data type varchar(20);
alter table rewind_job add constraint rewind_job_state_check check (state in ('AWAITING_APPROVAL','REJECTED','RUNNING','COMPLETED','CANCELLED','FAILED'));
create sequence rewind_approval_seq start with 1 increment by 1;
create table rewind_approval (id bigint not null, kind varchar(20) not null check (kind in ('BULK','FORCED_REPLAY','REVOKE')), state varchar(20) not null check (state in ('AWAITING_APPROVAL','APPROVED','REJECTED','EXPIRED')), entry_id uuid, job_id bigint, cascade_revoke boolean not null, target varchar(200), why varchar(1000) not null, requested_by varchar(200) not null, requested_at timestamp(6) with time zone not null, reason varchar(1000) not null, expires_at timestamp(6) with time zone not null, decided_by varchar(200), decided_at timestamp(6) with time zone, decision varchar(1000), version bigint not null, primary key (id));
create index rewind_approval_state on rewind_approval (state, id);
create index rewind_approval_entry on rewind_approval (entry_id);
create index rewind_approval_job on rewind_approval (job_id);

-- Rewind ledger, version 1: entries, attempts, history, bulk jobs, and the example domain's accounts.
-- H2. Hibernate validates this schema at startup; it never changes it.

create sequence rewind_attempt_seq start with 1 increment by 50;

create sequence rewind_history_seq start with 1 increment by 50;

create sequence rewind_job_seq start with 1 increment by 1;

create table example_account (id varchar(64) not null, balance bigint not null, frozen boolean not null, version bigint not null, primary key (id));

create table rewind_attempt (id bigint not null, ended_at timestamp(6) with time zone, error varchar(4000), kind enum ('COMPENSATION','DELIVERY','REDELIVERY','REPLAY') not null, node varchar(100), attempt_no integer not null, outcome enum ('FAILED','REJECTED','SUCCEEDED'), started_at timestamp(6) with time zone not null, entry_id uuid not null, primary key (id));

create table rewind_entry (id uuid not null, attempts integer not null, body varchar(1048576), created_at timestamp(6) with time zone not null, destination varchar(255), error_class varchar(200), jms_message_id varchar(100), last_error varchar(4000), processed_at timestamp(6) with time zone, properties varchar(65535), replays integer not null, status enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING') not null, message_type varchar(200), updated_at timestamp(6) with time zone not null, version bigint not null, primary key (id));

create table rewind_history (id bigint not null, actor varchar(200) not null, changed_at timestamp(6) with time zone not null, from_status enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING'), job_id bigint, reason varchar(1000) not null, to_status enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING') not null, entry_id uuid not null, primary key (id));

create table rewind_job (id bigint not null, actor varchar(200) not null, chunk_size integer not null, created_at timestamp(6) with time zone not null, cursor_at timestamp(6) with time zone, cursor_id uuid, done bigint not null, failed bigint not null, filter_created_from timestamp(6) with time zone, filter_created_to timestamp(6) with time zone not null, filter_destination varchar(200), filter_error_text varchar(200), filter_status enum ('FAILED','PENDING','PROCESSED','REPLAYING','REVOKED','REVOKE_FAILED','REVOKING'), filter_type varchar(200), finished_at timestamp(6) with time zone, force boolean not null, kind enum ('REPLAY','REVOKE') not null, last_error varchar(2000), rate_per_second integer not null, reason varchar(1000) not null, skipped bigint not null, state enum ('CANCELLED','COMPLETED','FAILED','RUNNING') not null, target varchar(200), total bigint not null, updated_at timestamp(6) with time zone not null, version bigint not null, primary key (id));

create index rewind_attempt_entry on rewind_attempt (entry_id, id);

create index rewind_entry_status_created on rewind_entry (status, created_at, id);

create index rewind_entry_type_created on rewind_entry (message_type, created_at, id);

create index rewind_entry_destination_created on rewind_entry (destination, created_at, id);

create index rewind_entry_created on rewind_entry (created_at, id);

create index rewind_history_entry on rewind_history (entry_id, id);

create index rewind_job_state on rewind_job (state);

alter table rewind_attempt add constraint rewind_attempt_entry_fk foreign key (entry_id) references rewind_entry;

alter table rewind_history add constraint rewind_history_entry_fk foreign key (entry_id) references rewind_entry;

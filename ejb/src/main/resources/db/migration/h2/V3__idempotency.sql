-- Rewind ledger, version 3: idempotency keys of the admin API. A mutating request that carries an
-- Idempotency-Key is recorded here with a hash of the request and, once answered, the answer, so a repeat
-- returns the first answer instead of acting again. Rows older than the documented time are purged.

create table rewind_idempotency (id varchar(64) not null, actor varchar(200) not null, idem_key varchar(200) not null, request_hash varchar(64) not null, status integer not null, content_type varchar(100), location varchar(1000), body varchar(1048576), created_at timestamp(6) with time zone not null, primary key (id));

create index rewind_idempotency_created on rewind_idempotency (created_at);

-- Rewind ledger, version 7: counts of entries by type, status and (for FAILED) error class, kept by the
-- database in the transaction that changes an entry, so GET /stats and /stats/failures read a few rows
-- instead of scanning the ledger, and are exact.
--
-- No row is shared by concurrent transactions: each database session counts in a stripe of its own (its
-- session id), and the sums over the stripes are the counts. Stripe 0 holds what is folded in from
-- sessions that have ended (EntryCounts.fold, once a minute). The trigger is dev.rewind.counts.H2CountTrigger.
-- last_seen and sample_error, for FAILED only: when an entry last failed this way, and its error.
create table rewind_count (
    stripe integer not null,
    message_type varchar(200) not null,
    status varchar(20) not null,
    error_class varchar(200) not null,
    n bigint not null,
    last_seen timestamp(6) with time zone,
    sample_error varchar(4000),
    primary key (stripe, message_type, status, error_class));

insert into rewind_count (stripe, message_type, status, error_class, n, last_seen, sample_error)
select 0, coalesce(message_type, ''), cast(status as varchar(20)),
       case when status = 'FAILED' then coalesce(error_class, '') else '' end,
       count(*), max(case when status = 'FAILED' then updated_at end), max(case when status = 'FAILED' then last_error end)
from rewind_entry
group by coalesce(message_type, ''), cast(status as varchar(20)), case when status = 'FAILED' then coalesce(error_class, '') else '' end;

create trigger rewind_entry_counted after insert, update, delete on rewind_entry
    for each row call 'dev.rewind.counts.H2CountTrigger';

-- Rewind ledger, version 7: counts of entries by type, status and (for FAILED) error class, kept by the
-- database in the transaction that changes an entry, so GET /stats and /stats/failures read a few rows
-- instead of scanning the ledger, and are exact.
--
-- No row is shared by concurrent transactions: each database connection counts in a stripe of its own
-- (its backend's pid), and the sums over the stripes are the counts. Stripe 0 holds what is folded in
-- from connections that have ended (EntryCounts.fold, once a minute).
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
select 0, coalesce(message_type, ''), status, case when status = 'FAILED' then coalesce(error_class, '') else '' end,
       count(*), max(case when status = 'FAILED' then updated_at end), max(case when status = 'FAILED' then last_error end)
from rewind_entry
group by coalesce(message_type, ''), status, case when status = 'FAILED' then coalesce(error_class, '') else '' end;

create function rewind_count_entry() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        insert into rewind_count as c (stripe, message_type, status, error_class, n)
        values (pg_backend_pid(), coalesce(old.message_type, ''), old.status,
                case when old.status = 'FAILED' then coalesce(old.error_class, '') else '' end, -1)
        on conflict (stripe, message_type, status, error_class) do update set n = c.n - 1;
    end if;
    if tg_op <> 'DELETE' then
        insert into rewind_count as c (stripe, message_type, status, error_class, n, last_seen, sample_error)
        values (pg_backend_pid(), coalesce(new.message_type, ''), new.status,
                case when new.status = 'FAILED' then coalesce(new.error_class, '') else '' end, 1,
                case when new.status = 'FAILED' then new.updated_at end,
                case when new.status = 'FAILED' then new.last_error end)
        on conflict (stripe, message_type, status, error_class) do update set n = c.n + 1,
            sample_error = case when c.last_seen is null or excluded.last_seen >= c.last_seen
                                then coalesce(excluded.sample_error, c.sample_error) else c.sample_error end,
            last_seen = greatest(c.last_seen, excluded.last_seen);
    end if;
    return null;
end
$$;

create trigger rewind_entry_counted after insert or delete on rewind_entry
    for each row execute function rewind_count_entry();

-- Only updates that move an entry between counts (or fail it again) pay for the trigger.
create trigger rewind_entry_recounted after update on rewind_entry
    for each row when (old.status is distinct from new.status or old.error_class is distinct from new.error_class
                       or old.message_type is distinct from new.message_type
                       or (new.status = 'FAILED' and old.updated_at is distinct from new.updated_at))
    execute function rewind_count_entry();

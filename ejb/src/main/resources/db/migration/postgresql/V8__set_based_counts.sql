-- Rewind ledger, version 8 (PostgreSQL only): an update or delete of many entries in one statement moves
-- their counts once per statement, not once per row.
--
-- V7's row trigger adds 1 to one count row and takes 1 from another for each entry a statement changes.
-- Within one transaction every such change leaves another version of the same count row, which the next
-- change must walk past: a bulk replay chunk's single update of 500 entries spent most of its time there
-- (a 2,000-row update took 157-191 ms with the row trigger, 40 ms without it). These statement triggers see
-- the changed rows as transition tables and write one upsert per count that moved. Inserts keep V7's row
-- trigger: the consumer inserts one entry per transaction, and the benchmark's loader switches it off by name.

create function rewind_count_entries() returns trigger language plpgsql as $$
begin
    -- What left a count: the old rows of the entries that moved between counts (or failed again).
    insert into rewind_count as c (stripe, message_type, status, error_class, n)
    select pg_backend_pid(), coalesce(o.message_type, ''), o.status,
           case when o.status = 'FAILED' then coalesce(o.error_class, '') else '' end, -count(*)
    from old_rows o join new_rows n on n.id = o.id
    where o.status is distinct from n.status or o.error_class is distinct from n.error_class
       or o.message_type is distinct from n.message_type
       or (n.status = 'FAILED' and o.updated_at is distinct from n.updated_at)
    group by 2, 3, 4
    on conflict (stripe, message_type, status, error_class) do update set n = c.n + excluded.n;

    -- What came to a count, with the latest failure's time and error for FAILED counts.
    insert into rewind_count as c (stripe, message_type, status, error_class, n, last_seen, sample_error)
    select pg_backend_pid(), coalesce(n.message_type, ''), n.status,
           case when n.status = 'FAILED' then coalesce(n.error_class, '') else '' end, count(*),
           max(case when n.status = 'FAILED' then n.updated_at end),
           (array_agg(n.last_error order by n.updated_at desc) filter (where n.status = 'FAILED'))[1]
    from new_rows n join old_rows o on o.id = n.id
    where o.status is distinct from n.status or o.error_class is distinct from n.error_class
       or o.message_type is distinct from n.message_type
       or (n.status = 'FAILED' and o.updated_at is distinct from n.updated_at)
    group by 2, 3, 4
    on conflict (stripe, message_type, status, error_class) do update set n = c.n + excluded.n,
        sample_error = case when c.last_seen is null or excluded.last_seen >= c.last_seen
                            then coalesce(excluded.sample_error, c.sample_error) else c.sample_error end,
        last_seen = greatest(c.last_seen, excluded.last_seen);
    return null;
end
$$;

-- A delete takes each deleted entry from its count.
create function rewind_uncount_entries() returns trigger language plpgsql as $$
begin
    insert into rewind_count as c (stripe, message_type, status, error_class, n)
    select pg_backend_pid(), coalesce(o.message_type, ''), o.status,
           case when o.status = 'FAILED' then coalesce(o.error_class, '') else '' end, -count(*)
    from old_rows o
    group by 2, 3, 4
    on conflict (stripe, message_type, status, error_class) do update set n = c.n + excluded.n;
    return null;
end
$$;

drop trigger rewind_entry_recounted on rewind_entry;
drop trigger rewind_entry_counted on rewind_entry;

create trigger rewind_entry_counted after insert on rewind_entry
    for each row execute function rewind_count_entry();

create trigger rewind_entries_recounted after update on rewind_entry
    referencing old table as old_rows new table as new_rows
    for each statement execute function rewind_count_entries();

create trigger rewind_entries_uncounted after delete on rewind_entry
    referencing old table as old_rows
    for each statement execute function rewind_uncount_entries();

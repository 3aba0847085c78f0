-- Rewind ledger, version 5: the example domain is a module of its own, with its own table (demo_account,
-- created by the example's persistence unit when the example is deployed); the ledger no longer carries
-- the demo table that version 1 created.
drop table if exists example_account;

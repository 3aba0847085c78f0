-- Rewind ledger, version 4: what makes a message Rewind sends survive a crash at commit.
--
-- rewind_xids is the commit-markable-resource table of the transaction manager: in a transaction that
-- writes the ledger and sends a JMS message, the ledger's one-phase commit also inserts the transaction's
-- id here, so after a crash recovery can tell a committed ledger change from one that never happened and
-- commits or rolls back the broker's prepared branch accordingly (config/rewind-datasource-*.cli names
-- this table; the transaction manager deletes its rows once the transaction is complete).
create table rewind_xids (xid varbinary(144), transactionManagerID varchar(64), actionuid varbinary(28));
create unique index rewind_xids_xid on rewind_xids (xid);

-- The queue of the last message Rewind sent for an entry (a send, a replay, a compensation) and when it
-- was due to be consumed: reconciliation re-sends a message that is overdue and neither in that queue nor
-- consumed.
alter table rewind_entry add column outbound_queue varchar(255);
alter table rewind_entry add column outbound_due timestamp(6) with time zone;

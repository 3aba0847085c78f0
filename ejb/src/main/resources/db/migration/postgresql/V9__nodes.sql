-- Rewind ledger, version 9: several servers (nodes) sharing the ledger.
--
-- rewind_node: the nodes that are running, each under its own name (jboss.node.name, also the transaction
-- manager's node identifier), with the server that holds the name (a random id kept in the server's data
-- folder) and a heartbeat every few seconds. A node refuses to start under a name another live server holds.
create table rewind_node (name varchar(64) not null, server_id varchar(36) not null, host varchar(255), started_at timestamp(6) with time zone not null, heartbeat_at timestamp(6) with time zone not null, primary key (name));

-- A bulk job is run by one node at a time: the runner holds a lease it renews with every chunk (in the
-- chunk's transaction, under the job row's lock); another node takes over a job whose lease ran out.
alter table rewind_job add column runner varchar(64);
alter table rewind_job add column lease_until timestamp(6) with time zone;

-- Timers that must run on one node at a time take a named lease first.
create table rewind_lease (name varchar(64) not null, holder varchar(64), lease_until timestamp(6) with time zone, primary key (name));
insert into rewind_lease (name) values ('retention');

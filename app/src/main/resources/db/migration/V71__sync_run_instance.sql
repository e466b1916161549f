-- The instance (theo.instance-name) that last started executing the run: with several instances on
-- one database it shows how the work spread and which process a run belonged to.
alter table sync_runs add column ran_on text;

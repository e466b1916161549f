-- A run stopped by a server shutdown or left behind by a dead process ends as 'interrupted'; the run
-- that resumes it from the engine's checkpoint is recorded in resumed_by, so it is resumed once.
alter table sync_runs drop constraint sync_runs_status_check;
alter table sync_runs add constraint sync_runs_status_check
    check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'));
alter table sync_runs add column resumed_by uuid;

create index sync_runs_to_resume on sync_runs (finished_at) where status = 'interrupted' and resumed_by is null;

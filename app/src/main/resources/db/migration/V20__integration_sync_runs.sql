-- One row per sync run of an integration for a user: the history the sync endpoint and pages show,
-- and the lock that keeps one active run per user and integration (the partial unique index).
create table sync_runs (
    id               uuid        primary key,
    user_id          uuid        not null,
    integration      text        not null,
    requested_type   text        not null check (requested_type in ('auto', 'full', 'incremental')),
    ran_as           text        check (ran_as in ('full', 'incremental')),
    status           text        not null
                     check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    trigger          text        not null,
    processed        bigint      not null default 0,
    total            bigint      not null default -1,
    error            text,
    cancel_requested boolean     not null default false,
    queued_at        timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz
);

create unique index sync_runs_one_active
    on sync_runs (user_id, integration) where status in ('queued', 'running');

create index sync_runs_newest on sync_runs (user_id, integration, queued_at desc);

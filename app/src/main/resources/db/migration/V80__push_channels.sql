-- Push notifications from Google: one row per open watch channel (a Calendar web hook channel or a
-- Gmail Pub/Sub watch). The channel's secret token is stored only as its SHA-256 hash.
create table push_channels (
    id                  uuid        primary key,
    user_id             uuid        not null,
    integration         text        not null,
    resource            text        not null,
    delivery            text        not null check (delivery in ('web_hook', 'pub_sub')),
    token_hash          bytea,
    subject             text,
    resource_id         text,
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    renew_at            timestamptz not null,
    last_message_number bigint      not null default 0,
    last_notified_at    timestamptz,
    -- a recurring poll found changes no notification announced: push counts as unhealthy until the
    -- next notification
    missed_at           timestamptz
);
create index push_channels_user on push_channels (user_id, integration);
create index push_channels_subject on push_channels (lower(subject)) where subject is not null;
create index push_channels_renew on push_channels (renew_at);

-- Pub/Sub message ids already accepted (a replayed delivery is refused), kept about a week.
create table push_messages (
    message_id  text        primary key,
    received_at timestamptz not null
);
create index push_messages_received on push_messages (received_at);

-- Notifications not yet synced, per user and integration: the push sync job runs while a row is
-- newer than its last run's start (bursts coalesce into one running and one queued sync).
create table push_pending (
    user_id         uuid        not null,
    integration     text        not null,
    first_change_at timestamptz not null,
    requested_at    timestamptz not null,
    primary key (user_id, integration)
);

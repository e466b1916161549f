-- Per-user Gmail sync settings. max_age_days: only mail received in the last N days is kept;
-- null (the default, as is having no row) means the whole mailbox.
create table gmail_sync_settings (
    user_id      uuid primary key references users (id) on delete cascade,
    max_age_days integer check (max_age_days > 0),
    updated_at   timestamptz not null
);

-- max_age_days: the setting the stored copy follows, taken when a full sync starts; a run that
-- finds the setting changed starts a full sync (its sweep removes mail now too old).
-- full_received_after: the cutoff the full sync in progress lists with (Gmail's after:), so a
-- resumed sync continues the same listing.
alter table gmail_sync_state
    add column max_age_days        integer,
    add column full_received_after timestamptz;

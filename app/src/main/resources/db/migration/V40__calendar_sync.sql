-- The calendars of each user's calendar list, the person's choice of which to sync, and each
-- calendar's sync state: its own events sync token and the checkpoint of a pass in progress
-- (the next page token of a full or incremental pass, so a crashed run resumes exactly).
create table calendar_calendars (
    user_id          uuid        not null references users (id) on delete cascade,
    calendar_id      text        not null,
    summary          text,
    description      text,
    access_role      text        not null,
    is_primary       boolean     not null default false,
    hidden           boolean     not null default false,
    background_color text,
    foreground_color text,
    time_zone        text,
    selected         boolean     not null,
    sync_token       text,
    pass             text        check (pass in ('full', 'incremental')),
    page_token       text,
    pass_no          bigint      not null default 0,
    window_start     timestamptz,
    window_end       timestamptz,
    last_synced_at   timestamptz,
    updated_at       timestamptz not null,
    primary key (user_id, calendar_id)
);

-- Events of the selected calendars, one row per event or per instance of a recurring series
-- (singleEvents expansion). start_at/end_at are instants (all-day: midnight in the calendar's
-- zone) for filtering and ordering; all-day events keep their dates too. pass_no marks the full
-- pass that last saw a row, so a full pass can sweep what it did not see.
create table calendar_events (
    user_id            uuid        not null,
    calendar_id        text        not null,
    event_id           text        not null,
    summary            text,
    description        text,
    location           text,
    start_at           timestamptz not null,
    end_at             timestamptz not null,
    all_day            boolean     not null,
    start_date         date,
    end_date           date,
    status             text,
    recurring_event_id text,
    attendees          jsonb       not null default '[]',
    html_link          text,
    updated            timestamptz,
    pass_no            bigint      not null,
    primary key (user_id, calendar_id, event_id),
    foreign key (user_id, calendar_id)
        references calendar_calendars (user_id, calendar_id) on delete cascade
);

create index calendar_events_by_start on calendar_events (user_id, start_at, calendar_id, event_id);
create index calendar_events_by_series on calendar_events (user_id, calendar_id, recurring_event_id)
    where recurring_event_id is not null;

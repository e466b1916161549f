-- The Gmail mailbox copy of each user, kept by the sync engine. Every synced row carries the
-- generation of the full sync that last saw it: a finished full sync sweeps rows of older
-- generations, so a resync after history expiry leaves no stale messages, labels or contacts.

create table gmail_labels (
    user_id         uuid    not null references users (id) on delete cascade,
    id              text    not null,
    name            text    not null,
    type            text    not null,
    -- Whether the person wants to see this label's mail; every label is selected by default.
    selected        boolean not null default true,
    sync_generation bigint  not null,
    primary key (user_id, id)
);

create table gmail_messages (
    user_id         uuid        not null references users (id) on delete cascade,
    id              text        not null,
    thread_id       text        not null,
    from_address    text        not null,
    to_addresses    text        not null,
    cc_addresses    text        not null,
    subject         text        not null,
    date_header     text        not null,
    snippet         text        not null,
    label_ids       text[]      not null,
    internal_date   timestamptz not null,
    size_estimate   integer     not null,
    history_id      bigint      not null,
    body_text       text,
    body_html       text,
    sync_generation bigint      not null,
    primary key (user_id, id)
);

create index gmail_messages_newest on gmail_messages (user_id, internal_date desc, id desc);
create index gmail_messages_thread on gmail_messages (user_id, thread_id);
create index gmail_messages_labels on gmail_messages using gin (label_ids);

-- Derived from gmail_messages after every committed page or history batch.
create table gmail_threads (
    user_id         uuid        not null references users (id) on delete cascade,
    id              text        not null,
    subject         text        not null,
    snippet         text        not null,
    message_count   integer     not null,
    last_message_at timestamptz not null,
    primary key (user_id, id)
);

-- The person's Google contacts (People API connections), used to name correspondents.
create table gmail_contacts (
    user_id         uuid   not null references users (id) on delete cascade,
    resource_name   text   not null,
    display_name    text   not null,
    email_addresses text[] not null,
    phone_numbers   text[] not null,
    organization    text,
    sync_generation bigint not null,
    primary key (user_id, resource_name)
);

-- Where sync continues. history_id: the incremental sync's start (null until a full sync ended).
-- The full_* columns are the checkpoint of a full sync in progress (full_generation not null): its
-- generation, the historyId read at its start, and the messages.list page to fetch next.
create table gmail_sync_state (
    user_id              uuid primary key references users (id) on delete cascade,
    history_id           bigint,
    generation           bigint      not null default 0,
    full_generation      bigint,
    full_history_id      bigint,
    full_page_token      text,
    full_listed          boolean     not null default false,
    full_processed       bigint      not null default 0,
    full_started_at      timestamptz,
    last_full_sync_at    timestamptz,
    updated_at           timestamptz not null
);

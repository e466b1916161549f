-- Each user's Drive sync state and settings: the changes feed's page token (the checkpoint of
-- incremental sync: the next page, or the new start token once a pass has caught up), the full
-- pass in progress (its next files.list page token and the start token captured before it began,
-- so changes made during the pass are picked up next), and what to sync: the folders chosen
-- (none = all of Drive) and whether to keep the text of documents.
create table drive_sync_state (
    user_id           uuid        primary key references users (id) on delete cascade,
    changes_token     text,
    full_page_token   text,
    full_start_token  text,
    full_in_progress  boolean     not null default false,
    pass_no           bigint      not null default 0,
    folder_ids        text[]      not null default '{}',
    keep_content      boolean     not null default true,
    last_synced_at    timestamptz,
    updated_at        timestamptz not null
);

-- Every file's metadata as Drive lists it, trashed ones included. pass_no marks the full pass
-- that last saw a row, so a finished full pass sweeps what it did not see. content holds the text
-- of a Google Doc or a text file up to 1 MB (with drive.readonly and keep_content on);
-- content_pending marks a file whose text is still to be fetched.
create table drive_files (
    user_id          uuid        not null references users (id) on delete cascade,
    file_id          text        not null,
    name             text        not null,
    mime_type        text        not null,
    parents          text[]      not null default '{}',
    modified_time    timestamptz,
    size             bigint,
    web_view_link    text,
    trashed          boolean     not null default false,
    pass_no          bigint      not null,
    content          text,
    content_pending  boolean     not null default false,
    primary key (user_id, file_id)
);

create index drive_files_by_modified on drive_files (user_id, modified_time desc, file_id);
create index drive_files_content_pending on drive_files (user_id, file_id) where content_pending;

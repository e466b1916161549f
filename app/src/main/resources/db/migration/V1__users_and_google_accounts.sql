-- People who signed in with Google, keyed by Google's stable subject id.
create table users (
    id              uuid primary key,
    google_sub      text        not null unique,
    email           text        not null,
    name            text,
    created_at      timestamptz not null,
    last_sign_in_at timestamptz not null
);

-- The Google account behind each user and its OAuth grant. Tokens are AES-256-GCM ciphertext
-- (key id inside), never plaintext. granted_scopes come from the token response's scope field.
create table google_accounts (
    user_id                 uuid primary key references users (id) on delete cascade,
    sub                     text        not null unique,
    email                   text        not null,
    granted_scopes          text[]      not null default '{}',
    access_token            bytea,
    access_token_issued_at  timestamptz,
    access_token_expires_at timestamptz,
    refresh_token           bytea,
    reconnect_required      boolean     not null default false,
    revoke_pending          boolean     not null default false,
    created_at              timestamptz not null,
    updated_at              timestamptz not null
);

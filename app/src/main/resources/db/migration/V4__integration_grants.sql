-- Which integrations a user has switched on. The Google grant is shared by all of them, so an
-- integration's "connected" is: enabled here AND its read scope granted in google_accounts.
create table integration_grants (
    user_id     uuid        not null references users (id) on delete cascade,
    integration text        not null,
    enabled     boolean     not null,
    updated_at  timestamptz not null,
    primary key (user_id, integration)
);

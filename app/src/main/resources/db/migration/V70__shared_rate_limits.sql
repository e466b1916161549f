-- Shared state of the per-user rate limits and of Google quota pacing, so every instance on this
-- database counts against the same allowance (theo.rate-limit.store=postgresql, the default).

-- Bucket4j's PostgreSQL proxy manager: one serialized bucket per limit and user (state is null for
-- the moment between its row's insert and its first write); expires_at (epoch millis) is when an
-- idle bucket is full again and may be deleted.
create table rate_limit_bucket (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_bucket_expires_at on rate_limit_bucket (expires_at);

-- One ledger per quota and key (a user, or the Google project): the units of calls in flight, and
-- of ended calls until a window after their end (theo.ratelimit.QuotaLedger).
create table quota_budget (
    budget_key text primary key,
    ledger     bytea       not null,
    updated_at timestamptz not null
);

-- Actions Theo may take at Google only after the person approves them (send an email, change an
-- event). payload never holds tokens; idempotency_key makes a repeated create return the first.
create table approvals (
    id              uuid primary key,
    user_id         uuid        not null references users (id) on delete cascade,
    integration     text        not null,
    action_type     text        not null,
    status          text        not null check (status in ('pending', 'approved', 'executing',
                        'executed', 'rejected', 'cancelled', 'expired', 'failed')),
    payload         jsonb       not null,
    summary         text        not null,
    idempotency_key text        not null unique,
    external_id     text,
    result          jsonb,
    error           text,
    notes           text,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    decided_at      timestamptz,
    executed_at     timestamptz
);

create index approvals_by_user on approvals (user_id, integration, status, created_at desc);
create index approvals_pending_expiry on approvals (expires_at) where status = 'pending';

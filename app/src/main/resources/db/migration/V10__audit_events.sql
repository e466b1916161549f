-- The audit log: who did what, when (UTC) and with what outcome. Append-only: rows are never
-- changed or removed, which the trigger below enforces for every client of the database.
create table audit_events (
    id          bigserial   primary key,
    user_id     uuid        not null,
    occurred_at timestamptz not null,
    action      text        not null,
    integration text,
    outcome     text        not null check (outcome in ('success', 'failure', 'info')),
    detail      text
);

create index audit_events_by_user_newest on audit_events (user_id, occurred_at desc, id desc);

create function audit_events_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only';
end;
$$;

create trigger audit_events_append_only
    before update or delete on audit_events
    for each row execute function audit_events_refuse_change();

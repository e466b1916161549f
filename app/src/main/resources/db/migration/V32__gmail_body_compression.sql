-- How PostgreSQL stores mail bodies (tens of KB each, far past the 2 KB where it moves values to
-- TOAST). Its default compression, pglz, shrinks text about 3x but costs ~0.6 ms of CPU per
-- 30 KB message: three times all the rest PostgreSQL does to store one (measured by hand with
-- COPY of 20,000 generated messages). lz4 compresses nearly as well (2.4x) at almost no CPU, so
-- the bodies use it where the server was built with it (Debian's PostgreSQL packages are);
-- elsewhere (the embedded server's binaries) they are stored uncompressed rather than with pglz.
-- Either setting applies to rows written from now on; stored rows keep theirs.
do $$
begin
    if exists (select 1 from pg_settings
               where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then
        alter table gmail_messages
            alter column body_text set compression lz4,
            alter column body_html set compression lz4;
    else
        alter table gmail_messages
            alter column body_text set storage external,
            alter column body_html set storage external;
    end if;
end
$$;

package theo.drive;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The SQL of the Drive module: the sync state and settings, and the files' metadata and text. */
@Repository
record DriveRepository(JdbcClient jdbc, TransactionTemplate transactions) {
  private static final String FILE_COLUMNS =
      "file_id, name, mime_type, parents, modified_time, size, web_view_link, trashed";

  /** One statement per page: the rows arrive as parallel arrays, one per column. */
  private static final String UPSERT_FILES =
      """
      insert into drive_files (user_id, file_id, name, mime_type, parents, modified_time, size,
        web_view_link, trashed, pass_no, content_pending)
      select :userId, u.file_id, u.name, u.mime_type, string_to_array(u.parents, ','),
        u.modified_time, u.size, u.web_view_link, u.trashed, :passNo, u.readable
      from unnest(:ids::text[], :names::text[], :mimeTypes::text[], :parents::text[],
        :modified::timestamptz[], :sizes::bigint[], :links::text[], :trashed::boolean[],
        :readable::boolean[])
        as u(file_id, name, mime_type, parents, modified_time, size, web_view_link, trashed,
          readable)
      on conflict (user_id, file_id) do update set
        name = excluded.name, mime_type = excluded.mime_type, parents = excluded.parents,
        size = excluded.size, web_view_link = excluded.web_view_link, trashed = excluded.trashed,
        pass_no = excluded.pass_no,
        content = case when drive_files.modified_time is distinct from excluded.modified_time
                         or not excluded.content_pending then null
                       else drive_files.content end,
        content_pending = excluded.content_pending
          and (drive_files.modified_time is distinct from excluded.modified_time
               or drive_files.content is null),
        modified_time = excluded.modified_time
      """;

  /** The chosen folders and every file below them (all of Drive when none are chosen). */
  private static final String IN_SCOPE =
      """
      with recursive scope(file_id) as (
        select file_id from drive_files where user_id = :userId and file_id = any(:folders)
        union
        select f.file_id from drive_files f join scope s on s.file_id = any(f.parents)
        where f.user_id = :userId
      )
      """;

  // sync state and settings

  /** The sync state: checkpoints and settings. */
  record SyncState(
      @Nullable String changesToken,
      @Nullable String fullPageToken,
      @Nullable String fullStartToken,
      boolean fullInProgress,
      long passNo,
      List<String> folderIds,
      boolean keepContent) {

    static final SyncState NONE = new SyncState(null, null, null, false, 0, List.of(), true);
  }

  SyncState state(UUID userId) {
    return jdbc.sql(
            """
            select changes_token, full_page_token, full_start_token, full_in_progress, pass_no,
              folder_ids, keep_content
            from drive_sync_state where user_id = :userId
            """)
        .param("userId", userId)
        .query(
            (rs, row) ->
                new SyncState(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getLong(5),
                    strings(rs.getArray(6)),
                    rs.getBoolean(7)))
        .optional()
        .orElse(SyncState.NONE);
  }

  /** Begins a full pass that will hand over to the changes feed at {@code startToken}. */
  long startFullPass(UUID userId, String startToken, Instant now) {
    return jdbc.sql(
            """
            insert into drive_sync_state (user_id, full_start_token, full_in_progress, pass_no,
              updated_at)
            values (:userId, :token, true, 1, :now)
            on conflict (user_id) do update set full_start_token = :token,
              full_in_progress = true, full_page_token = null,
              pass_no = drive_sync_state.pass_no + 1, updated_at = :now
            returning pass_no
            """)
        .param("userId", userId)
        .param("token", startToken)
        .param("now", Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  /** Stores one page of a full pass with the token of the next page, together. */
  void saveFullPage(
      UUID userId,
      List<DriveFile> files,
      long passNo,
      @Nullable String nextPageToken,
      long maxContentBytes,
      boolean keepContent,
      Instant now) {
    transactions.executeWithoutResult(
        status -> {
          upsert(userId, files, passNo, maxContentBytes, keepContent);
          jdbc.sql(
                  """
                  update drive_sync_state set full_page_token = :token, updated_at = :now
                  where user_id = :userId
                  """)
              .param("userId", userId)
              .param("token", nextPageToken)
              .param("now", Timestamp.from(now))
              .update();
        });
  }

  /**
   * Ends a full pass: the files it did not see are gone, and the changes feed takes over from the
   * token captured before it began. Returns how many files were swept.
   */
  int finishFullPass(UUID userId, long passNo, Instant now) {
    Integer swept =
        transactions.execute(
            status -> {
              int deleted =
                  jdbc.sql("delete from drive_files where user_id = :userId and pass_no < :passNo")
                      .param("userId", userId)
                      .param("passNo", passNo)
                      .update();
              jdbc.sql(
                      """
                      update drive_sync_state set changes_token = full_start_token,
                        full_in_progress = false, full_page_token = null, full_start_token = null,
                        last_synced_at = :now, updated_at = :now
                      where user_id = :userId
                      """)
                  .param("userId", userId)
                  .param("now", Timestamp.from(now))
                  .update();
              return deleted;
            });
    return swept == null ? 0 : swept;
  }

  /** Stores one page of changes with the feed's next token, together. */
  void saveChanges(
      UUID userId,
      List<DriveFile> changed,
      Collection<String> removed,
      String nextToken,
      boolean caughtUp,
      long maxContentBytes,
      boolean keepContent,
      Instant now) {
    transactions.executeWithoutResult(
        status -> {
          long passNo = state(userId).passNo();
          upsert(userId, changed, passNo, maxContentBytes, keepContent);
          if (!removed.isEmpty()) {
            jdbc.sql("delete from drive_files where user_id = :userId and file_id = any(:ids)")
                .param("userId", userId)
                .param("ids", removed.toArray(String[]::new))
                .update();
          }
          jdbc.sql(
                  """
                  update drive_sync_state set changes_token = :token, updated_at = :now,
                    last_synced_at = case when :caughtUp then :now else last_synced_at end
                  where user_id = :userId
                  """)
              .param("userId", userId)
              .param("token", nextToken)
              .param("caughtUp", caughtUp)
              .param("now", Timestamp.from(now))
              .update();
        });
  }

  /** Saves the person's choice of folders (none = all of Drive) and of keeping documents' text. */
  void saveSettings(UUID userId, List<String> folderIds, boolean keepContent, Instant now) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  """
                  insert into drive_sync_state (user_id, folder_ids, keep_content, updated_at)
                  values (:userId, :folders, :keep, :now)
                  on conflict (user_id) do update set folder_ids = :folders, keep_content = :keep,
                    updated_at = :now
                  """)
              .param("userId", userId)
              .param("folders", folderIds.toArray(String[]::new))
              .param("keep", keepContent)
              .param("now", Timestamp.from(now))
              .update();
          if (!keepContent) {
            jdbc.sql(
                    """
                    update drive_files set content = null, content_pending = false
                    where user_id = :userId and (content is not null or content_pending)
                    """)
                .param("userId", userId)
                .update();
          }
        });
  }

  private void upsert(
      UUID userId, List<DriveFile> files, long passNo, long maxContentBytes, boolean keepContent) {
    if (files.isEmpty()) {
      return;
    }
    int n = files.size();
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] mimeTypes = new String[n];
    String[] parents = new String[n];
    String[] modified = new String[n];
    Long[] sizes = new Long[n];
    String[] links = new String[n];
    Boolean[] trashed = new Boolean[n];
    Boolean[] readable = new Boolean[n];
    for (int i = 0; i < n; i++) {
      DriveFile file = files.get(i);
      ids[i] = file.id();
      names[i] = file.name();
      mimeTypes[i] = file.mimeType();
      parents[i] = String.join(",", file.parents());
      modified[i] = file.modifiedTime() == null ? null : file.modifiedTime().toString();
      sizes[i] = file.size();
      links[i] = file.webViewLink();
      trashed[i] = file.trashed();
      readable[i] = keepContent && file.hasReadableText(maxContentBytes);
    }
    jdbc.sql(UPSERT_FILES)
        .param("userId", userId)
        .param("passNo", passNo)
        .param("ids", ids)
        .param("names", names)
        .param("mimeTypes", mimeTypes)
        .param("parents", parents)
        .param("modified", modified)
        .param("sizes", sizes)
        .param("links", links)
        .param("trashed", trashed)
        .param("readable", readable)
        .update();
  }

  // content

  /** Files whose text is still to be fetched, within the chosen folders, in id order. */
  List<DriveFile> pendingContent(UUID userId, List<String> folderIds, int limit) {
    String sql =
        (folderIds.isEmpty() ? "" : IN_SCOPE)
            + "select "
            + FILE_COLUMNS
            + " from drive_files f where user_id = :userId and content_pending"
            + (folderIds.isEmpty() ? "" : " and file_id in (select file_id from scope)")
            + " order by file_id limit :limit";
    return jdbc.sql(sql)
        .param("userId", userId)
        .param("folders", folderIds.toArray(String[]::new))
        .param("limit", limit)
        .query(DriveRepository::file)
        .list();
  }

  /** Stores a file's text (null: none could be read) and clears its pending mark. */
  void saveContent(UUID userId, String fileId, @Nullable String text) {
    jdbc.sql(
            """
            update drive_files set content = :text, content_pending = false
            where user_id = :userId and file_id = :fileId
            """)
        .param("userId", userId)
        .param("fileId", fileId)
        .param("text", text)
        .update();
  }

  // read model

  /** A filter of the files read API. */
  record FileQuery(
      @Nullable String text,
      @Nullable String folderId,
      List<String> scopeFolders,
      int limit,
      @Nullable Cursor after) {}

  /** The position after the last file of a page: newest first, then by id. */
  record Cursor(@Nullable Instant modifiedTime, String fileId) {}

  record FilePage(List<DriveFile> items, long total) {}

  FilePage files(UUID userId, FileQuery query) {
    StringBuilder where = new StringBuilder(" where f.user_id = :userId");
    if (!query.scopeFolders().isEmpty()) {
      where.append(" and f.file_id in (select file_id from scope)");
    }
    if (query.folderId() != null) {
      where.append(" and :folderId = any(f.parents)");
    }
    if (query.text() != null) {
      where.append(
          " and (f.name ilike :pattern escape '\\' or f.content ilike :pattern escape '\\')");
    }
    String with = query.scopeFolders().isEmpty() ? "" : IN_SCOPE;
    long total =
        params(jdbc.sql(with + "select count(*) from drive_files f" + where), userId, query)
            .query(Long.class)
            .single();
    StringBuilder page = new StringBuilder(where);
    Cursor after = query.after();
    if (after != null) {
      page.append(
          after.modifiedTime() == null
              ? " and f.modified_time is null and f.file_id > :afterId"
              : " and (f.modified_time < :afterTime or f.modified_time is null"
                  + " or (f.modified_time = :afterTime and f.file_id > :afterId))");
    }
    JdbcClient.StatementSpec spec =
        params(
            jdbc.sql(
                with
                    + "select "
                    + FILE_COLUMNS
                    + " from drive_files f"
                    + page
                    + " order by f.modified_time desc nulls last, f.file_id limit :limit"),
            userId,
            query);
    if (after != null) {
      spec =
          spec.param("afterId", after.fileId())
              .param(
                  "afterTime",
                  after.modifiedTime() == null ? null : Timestamp.from(after.modifiedTime()));
    }
    return new FilePage(
        spec.param("limit", query.limit()).query(DriveRepository::file).list(), total);
  }

  private static JdbcClient.StatementSpec params(
      JdbcClient.StatementSpec spec, UUID userId, FileQuery query) {
    spec = spec.param("userId", userId);
    if (!query.scopeFolders().isEmpty()) {
      spec = spec.param("folders", query.scopeFolders().toArray(String[]::new));
    }
    if (query.folderId() != null) {
      spec = spec.param("folderId", query.folderId());
    }
    if (query.text() != null) {
      spec = spec.param("pattern", "%" + likeEscaped(query.text()) + "%");
    }
    return spec;
  }

  /** The folders, by name, for choosing what to sync. */
  List<DriveFile> folders(UUID userId) {
    return selectFiles(
            "user_id = :userId and mime_type = :folder and not trashed order by lower(name), file_id",
            Map.of("userId", userId, "folder", DriveFile.FOLDER))
        .list();
  }

  Optional<DriveFile> file(UUID userId, String fileId) {
    return selectFiles(
            "user_id = :userId and file_id = :id", Map.of("userId", userId, "id", fileId))
        .optional();
  }

  /** The files matching {@code where}: a condition, perhaps with an order after it. */
  private JdbcClient.MappedQuerySpec<DriveFile> selectFiles(String where, Map<String, ?> params) {
    return jdbc.sql("select " + FILE_COLUMNS + " from drive_files where " + where)
        .params(params)
        .query(DriveRepository::file);
  }

  /** Counts for the status endpoint. */
  record Counts(long files, long folders, long trashed, long withText) {}

  Counts counts(UUID userId) {
    return jdbc.sql(
            """
            select count(*) filter (where not trashed and mime_type <> :folder),
              count(*) filter (where not trashed and mime_type = :folder),
              count(*) filter (where trashed),
              count(*) filter (where content is not null)
            from drive_files where user_id = :userId
            """)
        .param("userId", userId)
        .param("folder", DriveFile.FOLDER)
        .query((rs, row) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .single();
  }

  /** Everything stored for the user: files, text, checkpoints and settings. */
  void deleteAll(UUID userId) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("delete from drive_files where user_id = :userId")
              .param("userId", userId)
              .update();
          jdbc.sql("delete from drive_sync_state where user_id = :userId")
              .param("userId", userId)
              .update();
        });
  }

  private static DriveFile file(ResultSet rs, int row) throws SQLException {
    Timestamp modified = rs.getTimestamp("modified_time");
    long size = rs.getLong("size");
    boolean noSize = rs.wasNull();
    return new DriveFile(
        rs.getString("file_id"),
        rs.getString("name"),
        rs.getString("mime_type"),
        strings(rs.getArray("parents")),
        modified == null ? null : modified.toInstant(),
        noSize ? null : size,
        rs.getString("web_view_link"),
        rs.getBoolean("trashed"));
  }

  private static List<String> strings(@Nullable Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}

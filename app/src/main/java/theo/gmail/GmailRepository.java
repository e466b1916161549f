package theo.gmail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import theo.gmail.GmailMappers.ContactRow;
import theo.gmail.GmailMappers.LabelRow;
import theo.gmail.GmailMappers.MessageRow;

/**
 * The synced mailbox (the read model: messages, threads, labels, contacts) in PostgreSQL; every
 * write is an idempotent upsert. Where sync stands is {@link GmailSyncStateRepository}'s.
 */
@Repository
record GmailRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
  // ---- mailbox writes ----

  void upsertLabels(UUID userId, List<LabelRow> labels, long generation) {
    SqlParameterSource[] batch =
        labels.stream()
            .map(
                label ->
                    new MapSqlParameterSource()
                        .addValue("userId", userId)
                        .addValue("id", label.id())
                        .addValue("name", label.name())
                        .addValue("type", label.type())
                        .addValue("generation", generation))
            .toArray(SqlParameterSource[]::new);
    named.batchUpdate(
        """
        insert into gmail_labels (user_id, id, name, type, sync_generation)
        values (:userId, :id, :name, :type, :generation)
        on conflict (user_id, id) do update set
          name = excluded.name, type = excluded.type, sync_generation = excluded.sync_generation
        """,
        batch);
  }

  void upsertContacts(UUID userId, List<ContactRow> contacts, long generation) {
    SqlParameterSource[] batch =
        contacts.stream()
            .map(
                contact ->
                    new MapSqlParameterSource()
                        .addValue("userId", userId)
                        .addValue("resourceName", contact.resourceName())
                        .addValue("name", contact.displayName())
                        .addValue("emails", String.join("\n", contact.emails()))
                        .addValue("phones", String.join("\n", contact.phones()))
                        .addValue("organization", contact.organization())
                        .addValue("generation", generation))
            .toArray(SqlParameterSource[]::new);
    named.batchUpdate(
        """
        insert into gmail_contacts (user_id, resource_name, display_name, email_addresses,
                                    phone_numbers, organization, sync_generation)
        values (:userId, :resourceName, :name, string_to_array(:emails, E'\\n'),
                string_to_array(:phones, E'\\n'), :organization, :generation)
        on conflict (user_id, resource_name) do update set
          display_name = excluded.display_name, email_addresses = excluded.email_addresses,
          phone_numbers = excluded.phone_numbers, organization = excluded.organization,
          sync_generation = excluded.sync_generation
        """,
        batch);
  }

  /**
   * Upserts the messages; their threads are rebuilt by {@link #refreshThreads}. A row never goes
   * back to an older generation: a batch of a cancelled or restarted pass that is still storing
   * must not mark a message the newer pass has seen as one to sweep.
   */
  void upsertMessages(UUID userId, Collection<MessageRow> messages, long generation) {
    if (messages.isEmpty()) {
      return;
    }
    SqlParameterSource[] batch =
        messages.stream()
            .map(
                message ->
                    new MapSqlParameterSource()
                        .addValue("userId", userId)
                        .addValue("id", message.id())
                        .addValue("threadId", message.threadId())
                        .addValue("from", message.from())
                        .addValue("to", message.to())
                        .addValue("cc", message.cc())
                        .addValue("subject", message.subject())
                        .addValue("dateHeader", message.dateHeader())
                        .addValue("snippet", message.snippet())
                        .addValue("labels", String.join(",", message.labelIds()))
                        .addValue("internalDate", Timestamp.from(message.internalDate()))
                        .addValue("size", message.sizeEstimate())
                        .addValue("historyId", message.historyId())
                        .addValue("bodyText", utf8(message.bodyText()), Types.BINARY)
                        .addValue("bodyHtml", utf8(message.bodyHtml()), Types.BINARY)
                        .addValue("generation", generation))
            .toArray(SqlParameterSource[]::new);
    named.batchUpdate(
        """
        insert into gmail_messages (user_id, id, thread_id, from_address, to_addresses,
            cc_addresses, subject, date_header, snippet, label_ids, internal_date, size_estimate,
            history_id, body_text, body_html, sync_generation)
        values (:userId, :id, :threadId, :from, :to, :cc, :subject, :dateHeader, :snippet,
            string_to_array(:labels, ','), :internalDate, :size, :historyId,
            convert_from(:bodyText, 'UTF8'), convert_from(:bodyHtml, 'UTF8'), :generation)
        on conflict (user_id, id) do update set
          thread_id = excluded.thread_id, from_address = excluded.from_address,
          to_addresses = excluded.to_addresses, cc_addresses = excluded.cc_addresses,
          subject = excluded.subject, date_header = excluded.date_header,
          snippet = excluded.snippet, label_ids = excluded.label_ids,
          internal_date = excluded.internal_date, size_estimate = excluded.size_estimate,
          history_id = excluded.history_id, body_text = excluded.body_text,
          body_html = excluded.body_html, sync_generation = excluded.sync_generation
        where gmail_messages.sync_generation <= excluded.sync_generation
        """,
        batch);
  }

  private static byte @Nullable [] utf8(@Nullable Utf8Text text) {
    return text == null ? null : text.bytes();
  }

  /** A message's labels as of the history record that last changed them. */
  record Relabel(List<String> labelIds, long historyId) {}

  /**
   * Sets the labels of messages Theo has, and their history id to the record that changed them (as
   * Google's message shows it); returns the ids it did not have.
   */
  Set<String> relabel(UUID userId, Map<String, Relabel> relabelled) {
    Set<String> unknown = new java.util.HashSet<>(relabelled.keySet());
    for (Map.Entry<String, Relabel> entry : relabelled.entrySet()) {
      int updated =
          jdbc.sql(
                  "update gmail_messages set label_ids = string_to_array(:labels, ','),"
                      + " history_id = greatest(history_id, :historyId)"
                      + " where user_id = :userId and id = :id")
              .param("userId", userId)
              .param("id", entry.getKey())
              .param("labels", String.join(",", entry.getValue().labelIds()))
              .param("historyId", entry.getValue().historyId())
              .update();
      if (updated > 0) {
        unknown.remove(entry.getKey());
      }
    }
    return unknown;
  }

  /** Deletes the messages received before {@code cutoff} (mail older than the maximum age). */
  void deleteReceivedBefore(UUID userId, Instant cutoff) {
    List<String> threads =
        jdbc.sql(
                "delete from gmail_messages where user_id = :userId and internal_date < :cutoff"
                    + " returning thread_id")
            .param("userId", userId)
            .param("cutoff", Timestamp.from(cutoff))
            .query(String.class)
            .list();
    refreshThreads(userId, threads.stream().distinct().toList());
  }

  void deleteMessages(UUID userId, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<String> threads =
        jdbc.sql(
                "delete from gmail_messages where user_id = :userId and id in (:ids)"
                    + " returning thread_id")
            .param("userId", userId)
            .param("ids", ids)
            .query(String.class)
            .list();
    refreshThreads(userId, threads.stream().distinct().toList());
  }

  private static final String THREADS_FROM_MESSAGES =
      """
      insert into gmail_threads (user_id, id, subject, snippet, message_count, last_message_at)
      select :userId, thread_id,
             (array_agg(subject order by internal_date, id))[1],
             (array_agg(snippet order by internal_date desc, id desc))[1],
             count(*), max(internal_date)
      from gmail_messages where user_id = :userId
      """;

  /**
   * Ends a full sync's pass over the mailbox: deletes what it did not see, rebuilds the threads.
   */
  void sweep(UUID userId, long generation) {
    for (String table : List.of("gmail_messages", "gmail_labels", "gmail_contacts")) {
      jdbc.sql(
              "delete from " + table + " where user_id = :userId and sync_generation < :generation")
          .param("userId", userId)
          .param("generation", generation)
          .update();
    }
    jdbc.sql("delete from gmail_threads where user_id = :userId").param("userId", userId).update();
    jdbc.sql(THREADS_FROM_MESSAGES + " group by thread_id").param("userId", userId).update();
  }

  /** Rebuilds the named threads from their messages (after messages were stored or deleted). */
  void refreshThreads(UUID userId, Collection<String> threadIds) {
    if (threadIds.isEmpty()) {
      return;
    }
    jdbc.sql("delete from gmail_threads where user_id = :userId and id in (:ids)")
        .param("userId", userId)
        .param("ids", threadIds)
        .update();
    jdbc.sql(THREADS_FROM_MESSAGES + " and thread_id in (:ids) group by thread_id")
        .param("userId", userId)
        .param("ids", threadIds)
        .update();
  }

  /** Deletes the user's stored mail; the sync state goes with {@link GmailSyncStateRepository}. */
  void deleteAll(UUID userId) {
    for (String table :
        List.of("gmail_messages", "gmail_threads", "gmail_labels", "gmail_contacts")) {
      jdbc.sql("delete from " + table + " where user_id = :userId")
          .param("userId", userId)
          .update();
    }
  }

  // ---- reads ----

  GmailStats stats(UUID userId) {
    return jdbc.sql(
            """
            select
              (select count(*) from gmail_messages where user_id = :userId) as "emailCount",
              (select count(*) from gmail_messages
                 where user_id = :userId and 'UNREAD' = any(label_ids)) as "unreadCount",
              (select count(*) from gmail_labels where user_id = :userId) as "labelCount",
              (select count(*) from gmail_threads where user_id = :userId) as "threadCount",
              (select count(*) from gmail_contacts where user_id = :userId) as "contactCount"
            """)
        .param("userId", userId)
        .query(GmailStats.class)
        .single();
  }

  List<LabelView> labels(UUID userId) {
    return jdbc.sql(
            """
            select l.id, l.name, l.type, l.selected,
                   coalesce(c.total, 0) as total, coalesce(c.unread, 0) as unread
            from gmail_labels l
            left join (
              select label, count(*) as total,
                     count(*) filter (where 'UNREAD' = any(label_ids)) as unread
              from gmail_messages, unnest(label_ids) as label
              where user_id = :userId group by label
            ) c on c.label = l.id
            where l.user_id = :userId
            order by l.type desc, lower(l.name), l.id
            """)
        .param("userId", userId)
        .query(
            (rs, row) ->
                new LabelView(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("type"),
                    rs.getLong("total"),
                    rs.getLong("unread"),
                    rs.getBoolean("selected")))
        .list();
  }

  boolean selectLabel(UUID userId, String labelId, boolean selected) {
    return jdbc.sql(
                "update gmail_labels set selected = :selected where user_id = :userId and id = :id")
            .param("userId", userId)
            .param("id", labelId)
            .param("selected", selected)
            .update()
        > 0;
  }

  /**
   * Newest first, after {@code cursor} when given. Without a label, spam, trash and mail carrying a
   * label the person deselected are left out.
   */
  MessagePage messages(
      UUID userId, MessageFilter filter, int limit, @Nullable MessageCursor cursor) {
    StringBuilder where = new StringBuilder(" where user_id = :userId");
    MapSqlParameterSource params = new MapSqlParameterSource("userId", userId);
    if (filter.labelId() != null) {
      where.append(" and :labelId = any(label_ids)");
      params.addValue("labelId", filter.labelId());
    } else {
      where.append(
          " and not (label_ids && array['SPAM', 'TRASH']::text[])"
              + " and not (label_ids && coalesce((select array_agg(id) from gmail_labels"
              + " where user_id = :userId and not selected), '{}'::text[]))");
    }
    if (filter.query() != null) {
      where.append(
          " and (subject ilike :pattern escape '\\' or from_address ilike :pattern escape '\\'"
              + " or snippet ilike :pattern escape '\\')");
      params.addValue(
          "pattern",
          "%" + filter.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    long total =
        Objects.requireNonNull(
            named.queryForObject(
                "select count(*) from gmail_messages" + where, params, Long.class));
    if (cursor != null) {
      where.append(" and (internal_date, id) < (:cursorDate, :cursorId)");
      params.addValue("cursorDate", Timestamp.from(cursor.internalDate()));
      params.addValue("cursorId", cursor.id());
    }
    params.addValue("limit", limit + 1);
    List<MessageSummary> items =
        named.query(
            "select id, thread_id, from_address, subject, snippet, internal_date, label_ids"
                + " from gmail_messages"
                + where
                + " order by internal_date desc, id desc limit :limit",
            params,
            (rs, row) ->
                new MessageSummary(
                    rs.getString("id"),
                    rs.getString("thread_id"),
                    rs.getString("from_address"),
                    rs.getString("subject"),
                    rs.getString("snippet"),
                    rs.getTimestamp("internal_date").toInstant(),
                    List.of((String[]) rs.getArray("label_ids").getArray())));
    MessageCursor next = null;
    if (items.size() > limit) {
      items = items.subList(0, limit);
      MessageSummary last = items.get(limit - 1);
      next = new MessageCursor(last.date(), last.id());
    }
    return new MessagePage(items, total, next);
  }

  /** A thread's messages, oldest first; empty when Theo has no such thread. */
  List<ThreadMessage> thread(UUID userId, String threadId) {
    return jdbc.sql(
            """
            select id, from_address, to_addresses, subject, internal_date, body_text, body_html
            from gmail_messages where user_id = :userId and thread_id = :threadId
            order by internal_date, id
            """)
        .param("userId", userId)
        .param("threadId", threadId)
        .query(
            (rs, row) ->
                new ThreadMessage(
                    rs.getString("id"),
                    rs.getString("from_address"),
                    rs.getString("to_addresses"),
                    rs.getString("subject"),
                    rs.getTimestamp("internal_date").toInstant(),
                    rs.getString("body_text"),
                    rs.getString("body_html")))
        .list();
  }

  record LabelView(
      String id,
      String name,
      String type,
      long messagesTotal,
      long messagesUnread,
      boolean selected) {}

  record MessageFilter(@Nullable String labelId, @Nullable String query) {}

  /** Keyset position: the last message of the previous page. */
  record MessageCursor(Instant internalDate, String id) {}

  /** One row of the message list, as stored and as the API shows it. */
  @JsonPropertyOrder({"id", "threadId", "from", "subject", "snippet", "date", "unread", "labelIds"})
  record MessageSummary(
      String id,
      String threadId,
      String from,
      String subject,
      String snippet,
      Instant date,
      List<String> labelIds) {

    @JsonProperty
    boolean unread() {
      return labelIds.contains("UNREAD");
    }
  }

  record MessagePage(List<MessageSummary> items, long total, @Nullable MessageCursor next) {}

  /**
   * One message of a thread as the thread view shows it; {@code bodyText} falls back to the HTML's
   * text.
   */
  record ThreadMessage(
      String id,
      String from,
      String to,
      String subject,
      Instant date,
      String bodyText,
      @Nullable String bodyHtml) {
    ThreadMessage(
        String id,
        String from,
        String to,
        String subject,
        Instant date,
        @Nullable String bodyText,
        @Nullable String bodyHtml) {
      this.id = id;
      this.from = from;
      this.to = to;
      this.subject = subject;
      this.date = date;
      this.bodyText =
          bodyText != null ? bodyText : bodyHtml != null ? GmailMappers.textOf(bodyHtml) : "";
      this.bodyHtml = bodyHtml;
    }
  }
}

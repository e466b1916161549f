package theo.integration.push;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import theo.integration.spi.PushDelivery;

/** The open push channels, the Pub/Sub messages already seen, and the notifications not synced. */
@Repository
record PushChannelRepository(JdbcClient jdbc) {
  private static final String COLUMNS =
      "id, user_id, integration, resource, delivery, token_hash, subject, resource_id, created_at,"
          + " expires_at, renew_at, last_message_number, last_notified_at, missed_at";

  /** The rows of one user's integration, named by :userId and :integration. */
  private static final String FOR_INTEGRATION = "user_id = :userId and integration = :integration";

  void insert(PushChannel channel) {
    jdbc.sql(
            """
            insert into push_channels (id, user_id, integration, resource, delivery, token_hash,
                subject, resource_id, created_at, expires_at, renew_at, last_notified_at)
            values (:id, :userId, :integration, :resource, :delivery, :tokenHash, :subject,
                :resourceId, :createdAt, :expiresAt, :renewAt, :lastNotifiedAt)
            """)
        .param("id", channel.id())
        .param("userId", channel.userId())
        .param("integration", channel.integration())
        .param("resource", channel.resource())
        .param("delivery", deliveryName(channel.delivery()))
        .param("tokenHash", channel.tokenHash())
        .param("subject", channel.subject())
        .param("resourceId", channel.resourceId())
        .param("createdAt", Timestamp.from(channel.createdAt()))
        .param("expiresAt", Timestamp.from(channel.expiresAt()))
        .param("renewAt", Timestamp.from(channel.renewAt()))
        .param("lastNotifiedAt", timestamp(channel.lastNotifiedAt()))
        .update();
  }

  /** Completes a channel stored before Google answered with what Google answered. */
  void opened(
      UUID id,
      @Nullable String subject,
      @Nullable String resourceId,
      Instant expiresAt,
      Instant renewAt) {
    jdbc.sql(
            """
            update push_channels set subject = :subject, resource_id = :resourceId,
                expires_at = :expiresAt, renew_at = :renewAt
            where id = :id
            """)
        .param("id", id)
        .param("subject", subject)
        .param("resourceId", resourceId)
        .param("expiresAt", Timestamp.from(expiresAt))
        .param("renewAt", Timestamp.from(renewAt))
        .update();
  }

  Optional<PushChannel> find(UUID id) {
    return select("id = :id", Map.of("id", id)).optional();
  }

  List<PushChannel> channels(UUID userId, String integration) {
    return select(
            FOR_INTEGRATION + " order by created_at",
            Map.of("userId", userId, "integration", integration))
        .list();
  }

  /** The unexpired Pub/Sub channels naming this account. */
  List<PushChannel> bySubject(String subject, Instant now) {
    return select(
            "lower(subject) = lower(:subject) and delivery = 'pub_sub' and expires_at > :now",
            Map.of("subject", subject, "now", Timestamp.from(now)))
        .list();
  }

  List<PushChannel> dueForRenewal(Instant now, int limit) {
    return select(
            "renew_at <= :now order by renew_at limit :limit",
            Map.of("now", Timestamp.from(now), "limit", limit))
        .list();
  }

  /**
   * Takes a channel's renewal (several instances may find it due): moves its renewal time on, and
   * answers whether this caller moved it.
   */
  boolean claimRenewal(UUID id, Instant seenRenewAt, Instant retryAt) {
    return jdbc.sql(
                "update push_channels set renew_at = :retryAt where id = :id and renew_at = :seen")
            .param("id", id)
            .param("seen", Timestamp.from(seenRenewAt))
            .param("retryAt", Timestamp.from(retryAt))
            .update()
        == 1;
  }

  /**
   * Records a web hook notification when its message number is new and the channel unexpired;
   * answers whether it was recorded (false: replayed, reordered behind a later one, or expired).
   */
  boolean recordMessage(UUID id, long messageNumber, Instant now) {
    return jdbc.sql(
                """
                update push_channels set last_message_number = :number, last_notified_at = :now
                where id = :id and last_message_number < :number and expires_at > :now
                """)
            .param("id", id)
            .param("number", messageNumber)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  void notified(UUID id, Instant now) {
    jdbc.sql("update push_channels set last_notified_at = :now where id = :id")
        .param("id", id)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Remembers a Pub/Sub message id; false when it was seen before (a replay). */
  boolean firstDelivery(String messageId, Instant now) {
    return jdbc.sql(
                """
                insert into push_messages (message_id, received_at) values (:id, :now)
                on conflict (message_id) do nothing
                """)
            .param("id", messageId)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  void forgetMessagesBefore(Instant before) {
    jdbc.sql("delete from push_messages where received_at < :before")
        .param("before", Timestamp.from(before))
        .update();
  }

  /** Marks a user's channels as having missed a change the poll found. */
  void missed(UUID userId, String integration, Instant now) {
    jdbc.sql("update push_channels set missed_at = :now where " + FOR_INTEGRATION)
        .params(Map.of("userId", userId, "integration", integration))
        .param("now", Timestamp.from(now))
        .update();
  }

  boolean delete(UUID id) {
    return jdbc.sql("delete from push_channels where id = :id").param("id", id).update() == 1;
  }

  void deleteExpiredBefore(Instant before) {
    jdbc.sql("delete from push_channels where expires_at < :before")
        .param("before", Timestamp.from(before))
        .update();
  }

  // notifications not synced yet

  /** Records a notification for the user's integration; answers whether one was already pending. */
  boolean request(UUID userId, String integration, Instant changedAt, Instant now) {
    Integer inserted =
        jdbc.sql(
                """
                insert into push_pending (user_id, integration, first_change_at, requested_at)
                values (:userId, :integration, :changedAt, :now)
                on conflict (user_id, integration) do update
                  set requested_at = greatest(push_pending.requested_at, excluded.requested_at)
                returning (xmax = 0)::int
                """)
            .params(Map.of("userId", userId, "integration", integration))
            .param("changedAt", Timestamp.from(changedAt))
            .param("now", Timestamp.from(now))
            .query(Integer.class)
            .single();
    return inserted == 0;
  }

  Optional<Pending> pending(UUID userId, String integration) {
    return jdbc.sql(
            "select first_change_at, requested_at from push_pending where " + FOR_INTEGRATION)
        .params(Map.of("userId", userId, "integration", integration))
        .query(
            (row, n) ->
                new Pending(
                    row.getTimestamp("first_change_at").toInstant(),
                    row.getTimestamp("requested_at").toInstant()))
        .optional();
  }

  /**
   * After a sync that started at {@code runStart}: forgets the pending notifications it covered,
   * unless one arrived since; answers whether they were all covered.
   */
  boolean settle(UUID userId, String integration, Instant runStart) {
    int deleted =
        jdbc.sql(
                "delete from push_pending where "
                    + FOR_INTEGRATION
                    + " and requested_at < :runStart")
            .params(Map.of("userId", userId, "integration", integration))
            .param("runStart", Timestamp.from(runStart))
            .update();
    if (deleted == 1) {
      return true;
    }
    // Notifications arrived during the run: the next run covers them, timed from the first.
    jdbc.sql(
            "update push_pending set first_change_at = greatest(first_change_at, :runStart)"
                + " where "
                + FOR_INTEGRATION)
        .params(Map.of("userId", userId, "integration", integration))
        .param("runStart", Timestamp.from(runStart))
        .update();
    return pending(userId, integration).isEmpty();
  }

  void forgetPending(UUID userId, String integration) {
    jdbc.sql("delete from push_pending where " + FOR_INTEGRATION)
        .params(Map.of("userId", userId, "integration", integration))
        .update();
  }

  /** Pending notifications older than {@code before} (their job was lost), to schedule again. */
  List<Pending.Key> stalePending(Instant before) {
    return jdbc.sql("select user_id, integration from push_pending where requested_at < :before")
        .param("before", Timestamp.from(before))
        .query(
            (row, n) ->
                new Pending.Key(row.getObject("user_id", UUID.class), row.getString("integration")))
        .list();
  }

  /** Notifications waiting for a sync: the first change's time and the latest notification's. */
  record Pending(Instant firstChangeAt, Instant requestedAt) {
    record Key(UUID userId, String integration) {}
  }

  /**
   * The channels matching {@code where}: a condition, perhaps with an order and a limit after it.
   */
  private JdbcClient.MappedQuerySpec<PushChannel> select(String where, Map<String, ?> params) {
    return jdbc.sql("select " + COLUMNS + " from push_channels where " + where)
        .params(params)
        .query(PushChannelRepository::toChannel);
  }

  private static PushChannel toChannel(ResultSet row, int n) throws SQLException {
    return new PushChannel(
        row.getObject("id", UUID.class),
        row.getObject("user_id", UUID.class),
        row.getString("integration"),
        row.getString("resource"),
        "pub_sub".equals(row.getString("delivery")) ? PushDelivery.PUB_SUB : PushDelivery.WEB_HOOK,
        row.getBytes("token_hash"),
        row.getString("subject"),
        row.getString("resource_id"),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("expires_at").toInstant(),
        row.getTimestamp("renew_at").toInstant(),
        row.getLong("last_message_number"),
        instant(row.getTimestamp("last_notified_at")),
        instant(row.getTimestamp("missed_at")));
  }

  private static String deliveryName(PushDelivery delivery) {
    return delivery == PushDelivery.PUB_SUB ? "pub_sub" : "web_hook";
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}

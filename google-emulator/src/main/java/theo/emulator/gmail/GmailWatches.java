package theo.emulator.gmail;

import com.google.api.services.gmail.model.WatchRequest;
import com.google.api.services.gmail.model.WatchResponse;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import theo.emulator.http.GoogleErrors;
import theo.emulator.push.PubSub;
import theo.emulator.push.PushDispatcher;
import theo.emulator.push.WatchRegistry;

/**
 * Gmail's {@code users.watch}/{@code users.stop}: one watch per mailbox. Every history record that
 * matches the watch's label filter publishes {@code {"emailAddress","historyId"}} to the watch's
 * Pub/Sub topic until the watch expires (seven days) or is stopped.
 */
final class GmailWatches implements WatchRegistry {
  /** Gmail watches last seven days; Google asks clients to renew them daily. */
  static final Duration LIFETIME = Duration.ofDays(7);

  private final Clock clock;
  private final PubSub pubSub;
  private final PushDispatcher dispatcher;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();

  private record Watch(
      String email, String topic, Set<String> labelIds, boolean exclude, Instant expiration) {
    Watch expiredAt(Instant now) {
      return new Watch(email, topic, labelIds, exclude, now);
    }
  }

  GmailWatches(Clock clock, PubSub pubSub, PushDispatcher dispatcher) {
    this.clock = clock;
    this.pubSub = pubSub;
    this.dispatcher = dispatcher;
    dispatcher.register(this);
  }

  WatchResponse watch(String email, WatchRequest request, long historyId) {
    String topic = request.getTopicName();
    if (topic == null || !topic.matches("projects/[^/]+/topics/[^/]+")) {
      throw GoogleErrors.apiException(
          400,
          "invalidArgument",
          "Invalid topicName does not match projects/SOME-PROJECT/topics/SOME-TOPIC");
    }
    String behaviour =
        request.getLabelFilterBehavior() != null
            ? request.getLabelFilterBehavior()
            : request.getLabelFilterAction();
    if (behaviour != null && !"include".equals(behaviour) && !"exclude".equals(behaviour)) {
      throw GoogleErrors.apiException(
          400, "invalidArgument", "Invalid labelFilterBehavior: " + behaviour);
    }
    Set<String> labels =
        request.getLabelIds() == null ? Set.of() : Set.copyOf(request.getLabelIds());
    Instant expiration = clock.instant().plus(LIFETIME);
    watches.put(
        key(email), new Watch(email, topic, labels, "exclude".equals(behaviour), expiration));
    return new WatchResponse()
        .setHistoryId(BigInteger.valueOf(historyId))
        .setExpiration(expiration.toEpochMilli());
  }

  void stop(String email) {
    watches.remove(key(email));
  }

  /** A mailbox appended a history record: publish when a live watch's filter lets it through. */
  void changed(String email, HistoryRecord record) {
    Watch watch = watches.get(key(email));
    if (watch == null || !live(watch) || !matches(watch, record)) {
      return;
    }
    String data =
        "{\"emailAddress\":\"" + watch.email() + "\",\"historyId\":\"" + record.id() + "\"}";
    // signing the push token takes a millisecond or two: not on the thread that changed the mail
    dispatcher.execute(
        () ->
            pubSub.publish(
                watch.topic(), watch.email(), data.getBytes(StandardCharsets.UTF_8), Map.of()));
  }

  /**
   * Gmail's label filter: with {@code include}, only changes to messages carrying (or losing) one
   * of the labels; with {@code exclude}, every change except those.
   */
  private static boolean matches(Watch watch, HistoryRecord record) {
    if (watch.labelIds().isEmpty()) {
      return true;
    }
    boolean touches =
        record.labelIds().stream().anyMatch(watch.labelIds()::contains)
            || record.labelsRemoved().stream().anyMatch(watch.labelIds()::contains);
    return watch.exclude() != touches;
  }

  private boolean live(Watch watch) {
    return clock.instant().isBefore(watch.expiration());
  }

  @Override
  public String kind() {
    return "watches";
  }

  @Override
  public List<Map<String, Object>> describe(String account) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Watch watch : watches.values()) {
      if (live(watch) && (account == null || key(account).equals(key(watch.email())))) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("account", watch.email());
        item.put("topicName", watch.topic());
        item.put("labelIds", watch.labelIds().stream().sorted().toList());
        item.put("labelFilterBehavior", watch.exclude() ? "exclude" : "include");
        item.put("expiration", watch.expiration().toEpochMilli());
        result.add(item);
      }
    }
    result.sort(
        (a, b) -> String.valueOf(a.get("account")).compareTo(String.valueOf(b.get("account"))));
    return result;
  }

  @Override
  public int expireNow(String account) {
    int expired = 0;
    Instant now = clock.instant();
    for (Map.Entry<String, Watch> entry : watches.entrySet()) {
      Watch watch = entry.getValue();
      if (live(watch) && (account == null || key(account).equals(entry.getKey()))) {
        entry.setValue(watch.expiredAt(now));
        expired++;
      }
    }
    return expired;
  }

  private static String key(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}

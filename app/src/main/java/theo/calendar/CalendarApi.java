package theo.calendar;

import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.services.calendar.Calendar;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import theo.google.GoogleApis;

/**
 * Google's Calendar client for a user (built by the Google module), and the one way the sync
 * executes its requests: every attempt paced per user by a token bucket below Google's per-user
 * quota, retried and classified by the Google module.
 */
@Component
class CalendarApi {
  private final GoogleApis google;
  private final CalendarProperties properties;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

  CalendarApi(GoogleApis google, CalendarProperties properties) {
    this.google = google;
    this.properties = properties;
  }

  Calendar client(UUID userId) {
    return google.calendar(userId);
  }

  /**
   * Executes the request as the user, waiting for the user's quota bucket before every attempt.
   *
   * @throws theo.google.GoogleException when it fails for good (404 and 410 at once)
   */
  <T> T execute(UUID userId, AbstractGoogleClientRequest<T> request) {
    Bucket bucket = buckets.computeIfAbsent(userId, id -> newBucket());
    return google.call(
        GoogleApis.CALENDAR,
        () -> {
          bucket.asBlocking().consume(1);
          return request.execute();
        });
  }

  /**
   * Capacity is the 5 % headroom: a full bucket plus a minute of refill at 95 % never exceeds the
   * quota in any sliding minute, which is how Google counts.
   */
  private Bucket newBucket() {
    int quota = properties.quota().requestsPerMinute();
    long rate = Math.max(1, quota * 95L / 100);
    long burst = Math.max(1, quota - rate);
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(burst).refillGreedy(rate, Duration.ofMinutes(1)))
        .build();
  }
}

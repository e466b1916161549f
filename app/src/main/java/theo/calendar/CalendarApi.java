package theo.calendar;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import theo.auth.GoogleApiAccess;
import theo.platform.GoogleEndpoints;

/**
 * Google's Calendar client for a user, and the one way its requests are executed: paced per user by
 * a token bucket below Google's per-user quota, and retried with backoff (honouring {@code
 * Retry-After}) on 429, 403 rate limits, 5xx and I/O failures.
 */
@Component
class CalendarApi {
  private static final Logger log = LoggerFactory.getLogger(CalendarApi.class);
  private static final int MAX_ATTEMPTS = 6;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(32);
  private static final Set<String> RATE_LIMIT_REASONS =
      Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");

  private final GoogleApiAccess access;
  private final GoogleEndpoints endpoints;
  private final CalendarProperties properties;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

  CalendarApi(GoogleApiAccess access, GoogleEndpoints endpoints, CalendarProperties properties) {
    this.access = access;
    this.endpoints = endpoints;
    this.properties = properties;
  }

  Calendar client(UUID userId) {
    return new Calendar.Builder(
            access.transport(), GsonFactory.getDefaultInstance(), access.requestInitializer(userId))
        .setRootUrl(endpoints.calendarRootUrl())
        .setApplicationName("Theo")
        .build();
  }

  /**
   * Executes the request as the user, waiting for the user's quota bucket first and retrying
   * transient failures; anything else (404, 410, other 4xx) is thrown to the caller at once.
   */
  <T> T execute(UUID userId, AbstractGoogleClientRequest<T> request)
      throws IOException, InterruptedException {
    Bucket bucket = buckets.computeIfAbsent(userId, id -> newBucket());
    for (int attempt = 1; ; attempt++) {
      bucket.asBlocking().consume(1);
      try {
        return request.execute();
      } catch (HttpResponseException e) {
        if (!retryable(e) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
        Duration wait = retryAfter(e, attempt);
        log.info(
            "Calendar API answered {} (attempt {}), retrying in {} ms",
            e.getStatusCode(),
            attempt,
            wait.toMillis());
        Thread.sleep(wait.toMillis());
      } catch (IOException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
        Thread.sleep(backoff(attempt).toMillis());
      }
    }
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

  static boolean isStatus(IOException e, int status) {
    return e instanceof HttpResponseException response && response.getStatusCode() == status;
  }

  private static boolean retryable(HttpResponseException e) {
    int status = e.getStatusCode();
    if (status == 429 || status >= 500) {
      return true;
    }
    return status == 403 && RATE_LIMIT_REASONS.contains(reason(e));
  }

  private static String reason(HttpResponseException e) {
    if (e instanceof GoogleJsonResponseException json) {
      GoogleJsonError details = json.getDetails();
      if (details != null && details.getErrors() != null && !details.getErrors().isEmpty()) {
        return details.getErrors().get(0).getReason();
      }
    }
    return "";
  }

  private static Duration retryAfter(HttpResponseException e, int attempt) {
    Object header = e.getHeaders() == null ? null : e.getHeaders().get("retry-after");
    if (header instanceof Iterable<?> values && values.iterator().hasNext()) {
      header = values.iterator().next();
    }
    if (header != null) {
      try {
        long seconds = Long.parseLong(header.toString().trim());
        if (seconds >= 0) {
          return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
        }
      } catch (NumberFormatException ignored) {
        // an HTTP-date: fall back to our own backoff
      }
    }
    return backoff(attempt);
  }

  private static Duration backoff(int attempt) {
    long base = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 5);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }
}

package theo.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one retry policy and the failure classes, with Google's own exception types. */
class GoogleRetryTests {
  private static final GoogleRetry.Settings FAST =
      new GoogleRetry.Settings(
          4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(10));

  private final GoogleRetry retry = new GoogleRetry(FAST);

  @Test
  void runWhenGoogleAsksToWaitThenTheNextAttemptWaitsAtLeastRetryAfter() {
    AtomicInteger attempts = new AtomicInteger();
    long started = System.nanoTime();

    String result =
        retry.run(
            "Gmail",
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw google(429, "rateLimitExceeded", "1");
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(2);
    // our own backoff would be at most 10 ms here; Google said 1 s
    assertThat(millisSince(started)).isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void runWhenGoogleKeepsFailingThenStopsAfterMaxAttemptsWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retry.run(
                    "Google Calendar",
                    () -> {
                      attempts.incrementAndGet();
                      throw google(503, "backendError", null);
                    }))
        .isInstanceOfSatisfying(
            GoogleTransientException.class,
            e -> {
              assertThat(e.code()).isEqualTo("GOOGLE_UNAVAILABLE");
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.getMessage())
                  .isEqualTo("Google Calendar could not be reached; try again shortly");
            });
    assertThat(attempts).hasValue(FAST.maxAttempts());
  }

  @Test
  void runWhenRetryAfterWouldOverrunTheTotalTimeThenGivesUpWithoutWaiting() {
    GoogleRetry bounded =
        new GoogleRetry(
            new GoogleRetry.Settings(
                10, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(1_500)));
    AtomicInteger attempts = new AtomicInteger();
    long[] firstAttempt = new long[1];

    assertThatThrownBy(
            () ->
                bounded.run(
                    "Gmail",
                    () -> {
                      if (attempts.incrementAndGet() == 1) {
                        firstAttempt[0] = System.nanoTime();
                      }
                      throw google(429, "userRateLimitExceeded", "1");
                    }))
        .isInstanceOf(GoogleQuotaException.class);

    // 1 s, then a second 1 s wait would end past 1.5 s: it is not started
    assertThat(attempts).hasValue(2);
    assertThat(millisSince(firstAttempt[0])).isBetween(1_000L, 1_900L);
  }

  @Test
  void runWhenTheFailureIsNotRetryableThenThrownAfterOneAttempt() {
    for (int status : new int[] {400, 401, 403, 404, 409, 410}) {
      AtomicInteger attempts = new AtomicInteger();
      assertThatThrownBy(
              () ->
                  retry.run(
                      "Gmail",
                      () -> {
                        attempts.incrementAndGet();
                        throw google(status, status == 403 ? "forbidden" : null, null);
                      }))
          .isInstanceOf(GoogleException.class)
          .satisfies(e -> assertThat(((GoogleException) e).retryable()).isFalse());
      assertThat(attempts).as("attempts after %d", status).hasValue(1);
    }
  }

  @Test
  void runChangeWhenGoogleFailedOnItsSideThenNotRepeatedButAQuotaRefusalIs() {
    AtomicInteger sends = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retry.runChange(
                    "Gmail",
                    () -> {
                      sends.incrementAndGet();
                      throw new SocketTimeoutException("Read timed out");
                    }))
        .isInstanceOf(GoogleTransientException.class);
    assertThat(sends).hasValue(1);

    AtomicInteger refused = new AtomicInteger();
    assertThat(
            retry.runChange(
                "Gmail",
                () -> {
                  if (refused.incrementAndGet() < 3) {
                    throw google(429, "rateLimitExceeded", null);
                  }
                  return "sent";
                }))
        .isEqualTo("sent");
    assertThat(refused).hasValue(3);
  }

  @Test
  void classifyWhenGoogleAnswersThenEachClassWithItsCodeAndPlainWords() {
    assertClass(
        google(400, "invalid", null), GoogleInvalidRequestException.class, "GOOGLE_REJECTED");
    assertClass(
        google(409, "duplicate", null), GoogleInvalidRequestException.class, "GOOGLE_CONFLICT");
    assertClass(google(401, "authError", null), GoogleAuthException.class, "GOOGLE_AUTH_FAILED");
    assertClass(
        google(403, "insufficientPermissions", null),
        GoogleAuthException.class,
        "INSUFFICIENT_SCOPE");
    assertClass(
        google(403, "userRateLimitExceeded", null),
        GoogleQuotaException.class,
        "GOOGLE_RATE_LIMITED");
    assertClass(google(403, "forbidden", null), GooglePermanentException.class, "GOOGLE_ERROR");
    assertClass(google(404, "notFound", null), GoogleNotFoundException.class, "NOT_FOUND");
    assertClass(google(410, "deleted", null), GoogleNotFoundException.class, "NOT_FOUND");
    assertClass(
        google(500, "backendError", null), GoogleTransientException.class, "GOOGLE_UNAVAILABLE");
    assertClass(
        new SocketTimeoutException("connect timed out"),
        GoogleTransientException.class,
        "GOOGLE_UNAVAILABLE");
  }

  @Test
  void classifyWhenGoogleSaysMoreThenNoneOfItReachesTheMessage() {
    IOException verbose =
        google(
            400,
            "invalid",
            null,
            "Invalid value at 'event.start' {\"error\": 1} see https://127.0.0.1:8090/calendar/v3");
    GoogleException failure = GoogleFailures.classify("Google Calendar", verbose);

    assertThat(failure.getMessage())
        .doesNotContainIgnoringCase("http")
        .doesNotContain("127.0.0.1")
        .doesNotContain("{")
        .isEqualTo("Google Calendar refused the request as invalid; check what was entered");
  }

  private static <T extends GoogleException> void assertClass(
      IOException answer, Class<T> type, String code) {
    GoogleException failure = GoogleFailures.classify("Gmail", answer);
    assertThat(failure).as("%s", answer).isInstanceOf(type);
    assertThat(failure.code()).isEqualTo(code);
    assertThat(failure.getMessage())
        .isNotBlank()
        .doesNotContain("{")
        .doesNotContainIgnoringCase("http");
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static GoogleJsonResponseException google(int status, String reason, String retryAfter) {
    return google(status, reason, retryAfter, "Google's own words");
  }

  private static GoogleJsonResponseException google(
      int status, String reason, String retryAfter, String message) {
    GoogleJsonError details = new GoogleJsonError();
    details.setCode(status);
    details.setMessage(message);
    if (reason != null) {
      GoogleJsonError.ErrorInfo info = new GoogleJsonError.ErrorInfo();
      info.setReason(reason);
      details.setErrors(List.of(info));
    }
    HttpHeaders headers = new HttpHeaders();
    if (retryAfter != null) {
      headers.set("Retry-After", List.of(retryAfter));
    }
    return new GoogleJsonResponseException(
        new HttpResponseException.Builder(status, "status " + status, headers)
            .setContent("{\"error\":{\"message\":\"" + message + "\"}}"),
        details);
  }
}

package theo.google;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The one retry policy for Google calls: quota refusals and transient failures are tried again with
 * exponential backoff and full jitter, never sooner than Google's {@code Retry-After}, at most
 * {@link Settings#maxAttempts} times and never past {@link Settings#totalTime}; every other failure
 * is thrown at once.
 *
 * <p>Built on Spring Framework's {@link RetryTemplate} (already on the classpath, no extra
 * dependency). Its stock {@code RetryPolicy} has a fixed back-off, while {@code Retry-After} is a
 * property of each answer, so every call gets its own small policy that remembers the last failure
 * and lets it stretch the next wait; the template keeps the attempt loop, the interruption handling
 * and the pre-emptive total-time check (a wait that would overrun the budget is not started).
 *
 * <p>Every call is observed as {@code theo.google.calls} (a timer and, with tracing, a span) tagged
 * by {@code api}, {@code method} and {@code outcome} ({@link #outcomeOf}); every retry counts in
 * {@code theo.google.retries}. With {@code logging.level.theo.google.GoogleRetry=DEBUG} every call
 * logs its API, method, outcome and time (the sync run's id and integration come from the MDC).
 */
@Component
public class GoogleRetry {
  private static final Logger log = LoggerFactory.getLogger(GoogleRetry.class);

  /** The policy's bounds. */
  record Settings(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration totalTime) {
    static final Settings DEFAULT =
        new Settings(8, Duration.ofMillis(250), Duration.ofSeconds(32), Duration.ofMinutes(2));
  }

  /** One try of a Google call; an {@link IOException} is classified by {@link GoogleFailures}. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws IOException, InterruptedException;
  }

  static final String CALLS_METRIC = "theo.google.calls";
  static final String RETRIES_METRIC = "theo.google.retries";

  private final Settings settings;
  private final ObservationRegistry observations;
  private final MeterRegistry meters;

  @Autowired
  GoogleRetry(ObservationRegistry observations, MeterRegistry meters) {
    this(Settings.DEFAULT, observations, meters);
  }

  GoogleRetry(Settings settings) {
    this(settings, ObservationRegistry.NOOP, new SimpleMeterRegistry());
  }

  GoogleRetry(Settings settings, ObservationRegistry observations, MeterRegistry meters) {
    this.settings = settings;
    this.observations = observations;
    this.meters = meters;
  }

  /**
   * Runs {@code attempt} until it succeeds, a failure is not retryable or the policy is spent;
   * {@code service} names the Google product in messages ("Gmail").
   *
   * @throws GoogleException the last failure, classified
   */
  public <T> T run(String service, Attempt<T> attempt) {
    return run(service, "call", attempt, false);
  }

  /** Like {@link #run(String, Attempt)}, the call's {@code method} named in metrics and traces. */
  public <T> T run(String service, String method, Attempt<T> attempt) {
    return run(service, method, attempt, false);
  }

  /**
   * Like {@link #run} for a call that changes something at Google (send, create, delete): retried
   * only when Google refused it for quota, since after a 5xx or a lost connection it may have taken
   * effect already.
   */
  public <T> T runChange(String service, Attempt<T> attempt) {
    return run(service, "call", attempt, true);
  }

  /** Like {@link #runChange(String, Attempt)}, the call's {@code method} named. */
  public <T> T runChange(String service, String method, Attempt<T> attempt) {
    return run(service, method, attempt, true);
  }

  /** Like {@link #once}, observed as a call: for calls another, slower loop already retries. */
  public <T> T runOnce(String service, String method, Attempt<T> attempt) {
    return observed(service, method, () -> once(service, attempt));
  }

  private <T> T run(String service, String method, Attempt<T> attempt, boolean change) {
    return observed(service, method, () -> retried(service, attempt, change));
  }

  /**
   * Runs a call inside its observation: the span of the sync run (or request) around it is its
   * parent, its outcome class a tag, and a DEBUG line records it (never content).
   */
  private <T> T observed(String service, String method, java.util.function.Supplier<T> call) {
    String api = apiOf(service);
    Observation observation =
        Observation.createNotStarted(CALLS_METRIC, observations)
            .contextualName("google " + api + " " + method)
            .lowCardinalityKeyValue("api", api)
            .lowCardinalityKeyValue("method", method)
            .start();
    long started = System.nanoTime();
    String outcome = "ok";
    try (Observation.Scope scope = observation.openScope()) {
      return call.get();
    } catch (RuntimeException e) {
      outcome = outcomeOf(e);
      observation.error(e);
      throw e;
    } finally {
      observation.lowCardinalityKeyValue("outcome", outcome).stop();
      log.debug(
          "Google call {} {}: {} in {} ms",
          api,
          method,
          outcome,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * The outcome class of a failed call, a metric tag: {@code auth}, {@code quota}, {@code
   * transient}, {@code not_found}, {@code invalid} or {@code permanent}.
   */
  static String outcomeOf(Throwable failure) {
    if (failure instanceof GoogleAuthException) {
      return "auth";
    }
    if (failure instanceof GoogleQuotaException) {
      return "quota";
    }
    if (failure instanceof GoogleNotFoundException) {
      return "not_found";
    }
    if (failure instanceof GoogleInvalidRequestException) {
      return "invalid";
    }
    if (failure instanceof GooglePermanentException) {
      return "permanent";
    }
    return "transient";
  }

  /** The {@code api} tag of a service's display name: gmail, calendar, contacts, accounts. */
  static String apiOf(String service) {
    return switch (service) {
      case GoogleApis.GMAIL -> "gmail";
      case GoogleApis.CALENDAR -> "calendar";
      case GoogleApis.CONTACTS -> "contacts";
      case GoogleApis.ACCOUNTS -> "accounts";
      default -> service.toLowerCase(Locale.ROOT).replace(' ', '_');
    };
  }

  private <T> T retried(String service, Attempt<T> attempt, boolean change) {
    CallPolicy policy = new CallPolicy(apiOf(service), change);
    try {
      return new RetryTemplate(policy).execute(() -> once(service, attempt));
    } catch (RetryException e) {
      Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
      if (last instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (last instanceof Error error) {
        throw error;
      }
      throw new GoogleTransientException(service, 0, "unexpected", Duration.ZERO, last);
    }
  }

  /**
   * Runs {@code attempt} once, its failure classified; for calls that another, slower loop already
   * retries (a revocation left pending is retried every minute by a background job).
   */
  public static <T> T once(String service, Attempt<T> attempt) {
    try {
      return attempt.run();
    } catch (IOException e) {
      throw GoogleFailures.classify(service, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GoogleTransientException(service, 0, "interrupted", Duration.ZERO, e);
    }
  }

  /** The wait before retry {@code retry} (1-based): full jitter under a doubling ceiling. */
  long jitteredDelayMillis(int retry) {
    long ceiling =
        Math.min(
            settings.maxDelay().toMillis(),
            settings.firstDelay().toMillis() << Math.min(retry - 1, 20));
    return ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  /** One call's policy: remembers the failure it judged, so the next wait can honour it. */
  private final class CallPolicy implements RetryPolicy, BackOff {
    private final String api;
    private final boolean change;
    private @Nullable GoogleException last;

    CallPolicy(String api, boolean change) {
      this.api = api;
      this.change = change;
    }

    @Override
    public boolean shouldRetry(Throwable failure) {
      last = failure instanceof GoogleException google ? google : null;
      return last != null
          && last.retryable()
          && (!change || last instanceof GoogleQuotaException)
          && !Thread.currentThread().isInterrupted();
    }

    @Override
    public Duration getTimeout() {
      return settings.totalTime();
    }

    @Override
    public BackOff getBackOff() {
      return this;
    }

    @Override
    public BackOffExecution start() {
      return new BackOffExecution() {
        private int retries;

        @Override
        public long nextBackOff() {
          if (++retries >= settings.maxAttempts()) {
            return STOP;
          }
          long wait = jitteredDelayMillis(retries);
          meters
              .counter(
                  RETRIES_METRIC,
                  "api",
                  api,
                  "outcome",
                  last == null ? "transient" : outcomeOf(last))
              .increment();
          if (last != null) {
            wait = Math.max(wait, last.retryAfter().toMillis());
            log.debug(
                "Google answered {} ({}); retry {} in {} ms",
                last.status(),
                last.code(),
                retries,
                wait);
          }
          return wait;
        }
      };
    }
  }
}

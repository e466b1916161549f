package theo.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one request against a limit: allowed or not, what is left, when the allowance is
 * whole again, and (when refused) how long to wait.
 */
public record Decision(boolean allowed, long remaining, Instant resetAt, Duration retryAfter) {

  static Decision of(ConsumptionProbe probe, Instant now) {
    Duration retryAfter =
        probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    return new Decision(
        probe.isConsumed(),
        probe.getRemainingTokens(),
        now.plusNanos(probe.getNanosToWaitForReset()),
        retryAfter);
  }
}

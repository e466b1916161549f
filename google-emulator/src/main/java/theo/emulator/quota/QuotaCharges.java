package theo.emulator.quota;

import java.util.Optional;
import theo.emulator.Stats;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Response;

/**
 * Charges an API call to its quota the way Google refuses it: 429 {@code rateLimitExceeded}
 * "User-rate limit exceeded" over the per-user limit, 403 {@code rateLimitExceeded} over the
 * project limit, both in the {@code usageLimits} domain with a {@code RATE_LIMIT_EXCEEDED}
 * ErrorInfo and a {@code Retry-After} header. Counts {@code <api>.unitsUsed} and {@code
 * <api>.throttled}.
 */
public final class QuotaCharges {
  private QuotaCharges() {}

  public static void charge(
      QuotaLimiter limiter, Stats stats, String api, String user, long units) {
    Optional<QuotaLimiter.Exceeded> exceeded = limiter.charge(user, units);
    if (exceeded.isEmpty()) {
      stats.add(api + ".unitsUsed", units);
      return;
    }
    stats.increment(api + ".throttled");
    long seconds = Math.max(1, (limiter.millisUntilAvailable(user, units) + 999) / 1000);
    GoogleErrors.ApiError error =
        exceeded.get() == QuotaLimiter.Exceeded.USER
            ? GoogleErrors.ApiError.of(429, "rateLimitExceeded", "User-rate limit exceeded")
            : GoogleErrors.ApiError.of(403, "rateLimitExceeded", "Rate Limit Exceeded")
                .status("RESOURCE_EXHAUSTED");
    Response refusal =
        error
            .domain("usageLimits")
            .info("RATE_LIMIT_EXCEEDED", GoogleErrors.GOOGLEAPIS, api + ".googleapis.com")
            .response();
    throw new ApiException(refusal.withHeader("Retry-After", String.valueOf(seconds)));
  }
}

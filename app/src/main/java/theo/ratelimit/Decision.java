package theo.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one request against a limit: allowed or not, what is left, when the allowance is
 * whole again, and (when refused) how long to wait.
 */
public record Decision(boolean allowed, long remaining, Instant resetAt, Duration retryAfter) {}

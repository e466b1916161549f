package theo.ratelimit;

/**
 * Counts requests against a limit for one key (a user). The in-memory backend serves one instance;
 * a shared backend (Redis) plugs in behind this interface.
 */
public interface RateLimiter {

  /** Takes one request from the key's allowance, or says when there will be room again. */
  Decision tryConsume(RateLimit limit, String key);
}

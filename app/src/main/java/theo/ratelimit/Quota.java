package theo.ratelimit;

import java.time.Duration;

/**
 * A ceiling of units per sliding window that callers pace themselves to, such as Gmail's 6,000
 * units per user per minute. A ceiling of 0 means no pacing.
 */
public record Quota(String name, long ceiling, Duration window) {
  public Quota {
    if (name == null || name.isBlank() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("A quota needs a name without ':'");
    }
    if (ceiling < 0 || window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("Quota " + name + " needs a ceiling >= 0 and a window");
    }
  }

  public static Quota perMinute(String name, long ceiling) {
    return new Quota(name, ceiling, Duration.ofMinutes(1));
  }

  /** Units for one key (a user, or a whole Google project) of this quota. */
  public QuotaBudget.Claim claim(String key, long units) {
    return new QuotaBudget.Claim(this, key, units);
  }
}

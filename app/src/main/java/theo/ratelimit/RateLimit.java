package theo.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/** A named limit: at most {@code requests} per {@code window}, per user. */
public record RateLimit(String name, long requests, Duration window) {
  public RateLimit {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A rate limit needs a name");
    }
    if (requests <= 0 || window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("Rate limit " + name + " needs positive requests/window");
    }
  }

  /** The whole allowance at once, refilled whole at the end of each window. */
  BucketConfiguration bucketConfiguration() {
    return BucketConfiguration.builder()
        .addLimit(bandwidth -> bandwidth.capacity(requests).refillIntervally(requests, window))
        .build();
  }

  static RateLimit perMinute(String name, long requests) {
    return new RateLimit(name, requests, Duration.ofMinutes(1));
  }
}

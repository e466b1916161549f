package theo.emulator.quota;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The quota limiter of each Google API the emulator serves ("gmail", "calendar"...). */
public final class Quotas {
  private final Clock clock;
  private final Map<String, QuotaLimiter> limiters = new ConcurrentHashMap<>();

  public Quotas(Clock clock) {
    this.clock = clock;
  }

  /** Registers an API's limiter with Google's default limits; returns the existing one if any. */
  public QuotaLimiter register(String api, long userUnitsPerMinute, long projectUnitsPerMinute) {
    return limiters.computeIfAbsent(
        api, key -> new QuotaLimiter(clock, userUnitsPerMinute, projectUnitsPerMinute));
  }

  public Optional<QuotaLimiter> find(String api) {
    return Optional.ofNullable(limiters.get(api));
  }

  public Map<String, QuotaLimiter> all() {
    return new TreeMap<>(limiters);
  }
}

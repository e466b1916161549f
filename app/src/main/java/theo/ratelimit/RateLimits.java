package theo.ratelimit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The registry of named limits (the spec's {@code RATE_LIMITS}): reference values per user per
 * minute, each overridable by {@code theo.rate-limit.limits.<name>.requests} / {@code .window}.
 */
@Component
public class RateLimits {

  /** Reference values; an integration's endpoints are named {@code <integration><Endpoint>}. */
  static final List<RateLimit> DEFAULTS =
      List.of(
          RateLimit.perMinute("gmailConnect", 5),
          RateLimit.perMinute("gmailConnectStatus", 60),
          RateLimit.perMinute("gmailSync", 10),
          RateLimit.perMinute("gmailSyncStatus", 120),
          RateLimit.perMinute("gmailDrafts", 30),
          RateLimit.perMinute("gmailSend", 20),
          RateLimit.perMinute("gmailApprovals", 30),
          RateLimit.perMinute("gmailMessages", 60),
          RateLimit.perMinute("gmailSettings", 30),
          RateLimit.perMinute("calendarConnect", 5),
          RateLimit.perMinute("calendarConnectStatus", 60),
          RateLimit.perMinute("calendarSync", 10),
          RateLimit.perMinute("calendarSyncStatus", 120),
          RateLimit.perMinute("calendarCalendars", 30),
          RateLimit.perMinute("calendarEvents", 60),
          RateLimit.perMinute("calendarActions", 30),
          RateLimit.perMinute("calendarApprovals", 30),
          RateLimit.perMinute("driveConnect", 5),
          RateLimit.perMinute("driveConnectStatus", 60),
          RateLimit.perMinute("driveSync", 10),
          RateLimit.perMinute("driveSyncStatus", 120),
          RateLimit.perMinute("driveFiles", 60),
          RateLimit.perMinute("driveSettings", 30),
          RateLimit.perMinute("auditLog", 60));

  private final Map<String, RateLimit> limits = new TreeMap<>();

  RateLimits(RateLimitProperties properties) {
    DEFAULTS.forEach(limit -> limits.put(limit.name(), limit));
    properties
        .limits()
        .forEach(
            (name, override) -> {
              RateLimit base = limits.get(name);
              limits.put(
                  name,
                  new RateLimit(
                      name,
                      override.requests() != null
                          ? override.requests()
                          : base != null ? base.requests() : 60,
                      override.window() != null
                          ? override.window()
                          : base != null ? base.window() : java.time.Duration.ofMinutes(1)));
            });
  }

  public Optional<RateLimit> find(String name) {
    return Optional.ofNullable(limits.get(name));
  }

  public Collection<RateLimit> all() {
    return List.copyOf(limits.values());
  }
}

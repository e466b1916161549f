package theo.emulator.quota;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Google-style usage quotas: units per user and per project over a sliding minute. A request that
 * would exceed either limit is refused and charges nothing.
 */
public final class QuotaLimiter {
  private static final long WINDOW_MS = 60_000;

  private final Clock clock;
  private volatile long userUnitsPerMinute;
  private volatile long projectUnitsPerMinute;
  private final Map<String, Window> users = new HashMap<>();
  private final Window project = new Window();

  public QuotaLimiter(Clock clock, long userUnitsPerMinute, long projectUnitsPerMinute) {
    this.clock = clock;
    setLimits(userUnitsPerMinute, projectUnitsPerMinute);
  }

  public synchronized void setLimits(long userUnitsPerMinute, long projectUnitsPerMinute) {
    if (userUnitsPerMinute <= 0 || projectUnitsPerMinute <= 0) {
      throw new IllegalArgumentException("quota limits must be positive");
    }
    this.userUnitsPerMinute = userUnitsPerMinute;
    this.projectUnitsPerMinute = projectUnitsPerMinute;
  }

  public long userUnitsPerMinute() {
    return userUnitsPerMinute;
  }

  public long projectUnitsPerMinute() {
    return projectUnitsPerMinute;
  }

  /** Charges {@code units} to the user and the project, or says which limit refused them. */
  public synchronized Optional<Exceeded> charge(String user, long units) {
    long now = clock.millis();
    Window userWindow = users.computeIfAbsent(user, key -> new Window());
    userWindow.expire(now);
    project.expire(now);
    if (userWindow.used + units > userUnitsPerMinute) {
      return Optional.of(Exceeded.USER);
    }
    if (project.used + units > projectUnitsPerMinute) {
      return Optional.of(Exceeded.PROJECT);
    }
    userWindow.add(now, units);
    project.add(now, units);
    return Optional.empty();
  }

  /**
   * Milliseconds until {@code units} more would fit under both limits for this user (0 when they
   * fit now); at most one minute, or a minute when they can never fit.
   */
  public synchronized long millisUntilAvailable(String user, long units) {
    long now = clock.millis();
    Window userWindow = users.computeIfAbsent(user, key -> new Window());
    userWindow.expire(now);
    project.expire(now);
    return Math.max(
        userWindow.millisUntilFree(now, units, userUnitsPerMinute),
        project.millisUntilFree(now, units, projectUnitsPerMinute));
  }

  /** Units the user has used in the current sliding minute. */
  public synchronized long usedBy(String user) {
    Window window = users.get(user);
    if (window == null) {
      return 0;
    }
    window.expire(clock.millis());
    return window.used;
  }

  /** Milliseconds until the user's oldest charge leaves the sliding minute (0 when none). */
  public synchronized long millisUntilUserRelief(String user) {
    Window window = users.get(user);
    long now = clock.millis();
    if (window == null) {
      return 0;
    }
    window.expire(now);
    return window.entries.isEmpty()
        ? 0
        : Math.max(0, window.entries.peekFirst()[0] + WINDOW_MS - now);
  }

  public synchronized void reset() {
    users.clear();
    project.entries.clear();
    project.used = 0;
  }

  /** Which limit refused a charge. */
  public enum Exceeded {
    USER,
    PROJECT
  }

  private static final class Window {
    private final Deque<long[]> entries = new ArrayDeque<>();
    private long used;

    void expire(long now) {
      while (!entries.isEmpty() && entries.peekFirst()[0] <= now - WINDOW_MS) {
        used -= entries.pollFirst()[1];
      }
    }

    long millisUntilFree(long now, long units, long limit) {
      if (used + units <= limit) {
        return 0;
      }
      if (units > limit) {
        return WINDOW_MS;
      }
      long stillUsed = used;
      for (long[] entry : entries) {
        stillUsed -= entry[1];
        if (stillUsed + units <= limit) {
          return Math.max(1, entry[0] + WINDOW_MS - now);
        }
      }
      return WINDOW_MS;
    }

    void add(long now, long units) {
      entries.addLast(new long[] {now, units});
      used += units;
    }
  }
}

package theo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTests {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
  private final RateLimit limit = RateLimit.perMinute("gmailConnect", 5);

  @Test
  void tryConsumeWhenWithinLimitThenAllowsAndCountsDown() {
    for (int i = 4; i >= 0; i--) {
      Decision decision = limiter.tryConsume(limit, "alice");
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(i);
    }
  }

  @Test
  void tryConsumeWhenLimitSpentThenRefusesUntilWindowEnds() {
    for (int i = 0; i < 5; i++) {
      limiter.tryConsume(limit, "alice");
    }
    Decision refused = limiter.tryConsume(limit, "alice");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(refused.resetAt()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));

    clock.advance(Duration.ofSeconds(59));
    assertThat(limiter.tryConsume(limit, "alice").allowed()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryConsume(limit, "alice").allowed()).isTrue();
  }

  @Test
  void tryConsumeWhenOtherUserOrOtherLimitThenCountedSeparately() {
    for (int i = 0; i < 5; i++) {
      limiter.tryConsume(limit, "alice");
    }
    assertThat(limiter.tryConsume(limit, "alice").allowed()).isFalse();
    assertThat(limiter.tryConsume(limit, "bob").allowed()).isTrue();
    assertThat(limiter.tryConsume(RateLimit.perMinute("calendarConnect", 5), "alice").allowed())
        .isTrue();
  }

  /** A clock tests move by hand. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

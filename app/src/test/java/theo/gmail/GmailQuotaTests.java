package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import theo.ratelimit.QuotaBudget;

class GmailQuotaTests {
  private final MovableClock clock = new MovableClock();
  private final GmailQuota quota =
      new GmailQuota(
          new GmailProperties(new GmailProperties.Quota(100, null), null),
          QuotaBudget.inMemory(clock));
  private final UUID user = UUID.randomUUID();

  @Test
  void reserveWhenMinuteIsFullThenWaitsUntilTheSpentUnitsAreAMinuteOld() throws Exception {
    quota.reserve(user, 60).close();
    quota.reserve(user, 40).close();

    CompletableFuture<Void> next = CompletableFuture.runAsync(() -> reserveAndClose(5));
    Thread.sleep(200);
    assertThat(next).isNotDone();
    clock.advance(Duration.ofSeconds(59));
    Thread.sleep(200);
    assertThat(next).isNotDone();
    clock.advance(Duration.ofSeconds(2));

    next.get(5, TimeUnit.SECONDS);
  }

  @Test
  void reserveWhenCallsInFlightThenTheyCountUntilClosed() throws Exception {
    QuotaBudget.Reservation inFlight = quota.reserve(user, 100);

    CompletableFuture<Void> next = CompletableFuture.runAsync(() -> reserveAndClose(1));
    clock.advance(Duration.ofMinutes(5));
    Thread.sleep(300);
    assertThat(next).isNotDone();
    inFlight.close();
    clock.advance(Duration.ofSeconds(61));

    next.get(5, TimeUnit.SECONDS);
  }

  @Test
  void reserveWhenOtherUserSpentTheMinuteThenNotDelayed() throws Exception {
    quota.reserve(UUID.randomUUID(), 100).close();

    CompletableFuture.runAsync(() -> reserveAndClose(100)).get(5, TimeUnit.SECONDS);
  }

  @Test
  void maxBatchPartsWhenPacedThenUnderOnePercentOfTheCeiling() {
    assertThat(quota.maxBatchParts()).isEqualTo(1);
    quota.unitsPerMinute(6_000);
    assertThat(quota.maxBatchParts()).isEqualTo(10);
    quota.unitsPerMinute(15_000);
    assertThat(quota.maxBatchParts()).isEqualTo(25);
    quota.unitsPerMinute(0);
    assertThat(quota.maxBatchParts()).isEqualTo(100);
  }

  private void reserveAndClose(int units) {
    try {
      quota.reserve(user, units).close();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock tests move by hand. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

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

package theo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Budgets of one store used by two instances at once never let more units than the ceiling be
 * charged in any window, whenever within its call Google charges each one.
 */
class QuotaBudgetTests {
  private static final SharedStores stores = new SharedStores();

  /** Short windows keep the test short; the rules do not depend on the window's length. */
  private static final Quota USER = new Quota("testUser", 100, Duration.ofSeconds(1));

  private static final Quota PROJECT = new Quota("testProject", 150, Duration.ofSeconds(1));

  @AfterAll
  static void stopStores() throws Exception {
    stores.close();
  }

  @Test
  void reserveWhenTwoInstancesShareOnePostgresqlThenTogetherNeverAboveTheCeiling()
      throws Exception {
    Clock clock = Clock.systemUTC();
    QuotaBudget a = new JdbcQuotaBudget(stores.postgresInstance("a"), clock);
    QuotaBudget b = new JdbcQuotaBudget(stores.postgresInstance("b"), clock);

    assertNeverAboveTheCeilings(a, b, clock);
  }

  @Test
  void reserveWhenTwoInstancesShareOneRedisThenTogetherNeverAboveTheCeiling() throws Exception {
    Clock clock = Clock.systemUTC();
    QuotaBudget a = new RedisQuotaBudget(stores.redisInstance(), clock);
    QuotaBudget b = new RedisQuotaBudget(stores.redisInstance(), clock);

    assertNeverAboveTheCeilings(a, b, clock);
  }

  @Test
  void reserveWhenInMemoryThenNeverAboveTheCeiling() throws Exception {
    Clock clock = Clock.systemUTC();
    QuotaBudget one = QuotaBudget.inMemory(clock);

    assertNeverAboveTheCeilings(one, one, clock);
  }

  @Test
  void reserveWhenAnInstanceDiedWithCallsInFlightThenTheirUnitsReturnAfterTheLease()
      throws Exception {
    InMemoryRateLimiterTests.MovableClock clock =
        new InMemoryRateLimiterTests.MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
    QuotaBudget survivor = new JdbcQuotaBudget(stores.postgresInstance("survivor"), clock);
    new JdbcQuotaBudget(stores.postgresInstance("died"), clock)
        .reserve(List.of(USER.claim("lease", 100)));

    CompletableFuture<Void> next = reserveLater(survivor, USER.claim("lease", 1));
    clock.advance(Duration.ofMinutes(9));
    assertThat(waitFor(next)).isFalse();
    clock.advance(Duration.ofMinutes(1));

    assertThat(waitFor(next)).isTrue();
  }

  @Test
  void reserveWhenTheProjectCeilingIsSpentThenAnotherUserWaitsToo() throws Exception {
    InMemoryRateLimiterTests.MovableClock clock =
        new InMemoryRateLimiterTests.MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
    QuotaBudget budget = new JdbcQuotaBudget(stores.postgresInstance("project"), clock);
    Quota project = Quota.perMinute("gmailProjectTest", 100);
    Quota user = Quota.perMinute("gmailUserTest", 80);
    budget.reserve(List.of(user.claim("ann", 60), project.claim("p", 60))).close();
    budget.reserve(List.of(user.claim("bob", 40), project.claim("p", 40))).close();

    CompletableFuture<Void> carol =
        reserveLater(budget, user.claim("carol", 5), project.claim("p", 5));
    assertThat(waitFor(carol)).isFalse();
    clock.advance(Duration.ofSeconds(61));

    assertThat(waitFor(carol)).isTrue();
  }

  @Test
  void reserveWhenOneCallNeedsMoreThanTheCeilingThenItWaitsForAnEmptyWindowAndGoesThrough()
      throws Exception {
    InMemoryRateLimiterTests.MovableClock clock =
        new InMemoryRateLimiterTests.MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
    QuotaBudget budget = QuotaBudget.inMemory(clock);
    Quota small = Quota.perMinute("small", 10);
    budget.reserve(List.of(small.claim("k", 1))).close();

    CompletableFuture<Void> big = reserveLater(budget, small.claim("k", 50));
    assertThat(waitFor(big)).isFalse();
    clock.advance(Duration.ofSeconds(61));

    assertThat(waitFor(big)).isTrue();
  }

  @Test
  void ledgerWhenWrittenAndReadBackThenHoldsTheSameUnits() {
    QuotaLedger ledger = new QuotaLedger();
    ledger.hold(1, 30, 1_000);
    ledger.hold(2, 20, 1_000);
    ledger.settle(2, 20, 60_000, 2_000);

    QuotaLedger read = QuotaLedger.fromBytes(ledger.toBytes());

    assertThat(read.fits(50, 100, 3_000)).isTrue();
    assertThat(read.fits(51, 100, 3_000)).isFalse();
    assertThat(read.millisUntilUnitsReturn(3_000)).isEqualTo(62_300 - 3_000);
    assertThat(read.fits(70, 100, 62_300)).isTrue();
    assertThat(QuotaLedger.fromBytes(new byte[0]).isEmpty()).isTrue();
  }

  /**
   * Sixteen callers, half on each instance, make calls of 5 to 15 units lasting 0 to 40 ms for
   * about three windows, on one user and the project. For every call's start, the units of all
   * calls that may be charged in the window ending then must fit under the ceiling.
   */
  private static void assertNeverAboveTheCeilings(QuotaBudget a, QuotaBudget b, Clock clock)
      throws Exception {
    String user = "user-" + ThreadLocalRandom.current().nextInt();
    String project = "project-" + ThreadLocalRandom.current().nextInt();
    ConcurrentLinkedQueue<long[]> calls = new ConcurrentLinkedQueue<>();
    long until = clock.millis() + 3_500;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> callers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        QuotaBudget instance = i % 2 == 0 ? a : b;
        callers.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  while (clock.millis() < until) {
                    int units = 5 + random.nextInt(11);
                    try (QuotaBudget.Reservation ignored =
                        instance.reserve(
                            List.of(USER.claim(user, units), PROJECT.claim(project, units)))) {
                      long start = clock.millis();
                      Thread.sleep(random.nextInt(41));
                      calls.add(new long[] {start, clock.millis(), units});
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> caller : callers) {
        caller.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long windowMillis = USER.window().toMillis();
    long busiest = 0;
    long total = 0;
    for (long[] call : calls) {
      long charged = 0;
      for (long[] other : calls) {
        if (other[0] <= call[0] && other[1] > call[0] - windowMillis) {
          charged += other[2];
        }
      }
      busiest = Math.max(busiest, charged);
      total += call[2];
    }
    assertThat(busiest).isLessThanOrEqualTo(USER.ceiling());
    // Units came back and were used again: about a ceiling per window and a bit, not one window's.
    assertThat(total).isGreaterThan(2 * USER.ceiling());
  }

  @SafeVarargs
  private static CompletableFuture<Void> reserveLater(
      QuotaBudget budget, QuotaBudget.Claim... claims) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            budget.reserve(List.of(claims)).close();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Whether the reservation went through within two seconds (pauses are at most one). */
  private static boolean waitFor(CompletableFuture<Void> reservation) throws Exception {
    try {
      reservation.get(2_500, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }
}

package theo.ratelimit;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every store of a {@link QuotaBudget} shares: one {@link QuotaLedger} per quota and key,
 * changed all together or not at all; stores differ only in where ledgers live and how they are
 * locked while changed.
 */
abstract class LedgerQuotaBudget implements QuotaBudget {
  private static final Logger log = LoggerFactory.getLogger(LedgerQuotaBudget.class);

  /** Longest pause before looking again: instances do not wake each other. */
  static final long MAX_WAIT_MILLIS = 1_000;

  /** Pause when only calls in flight hold the units: their end is unknown. */
  static final long IN_FLIGHT_POLL_MILLIS = 50;

  private final Clock clock;

  LedgerQuotaBudget(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Reservation reserve(List<Claim> claims) throws InterruptedException {
    List<Claim> paced =
        claims.stream()
            .filter(claim -> claim.quota().ceiling() > 0 && claim.units() > 0)
            // One order everywhere, so two reservations never wait on each other's locks.
            .sorted(Comparator.comparing(Claim::budgetKey))
            .toList();
    if (paced.isEmpty()) {
      return () -> {};
    }
    long reservationId = ThreadLocalRandom.current().nextLong();
    while (true) {
      long waitMillis = tryHold(paced, reservationId, clock.millis());
      if (waitMillis == 0) {
        return new Held(paced, reservationId);
      }
      pause(waitMillis);
    }
  }

  /** Holds every claim, or none and answers how many milliseconds to wait (0 when held). */
  abstract long tryHold(List<Claim> claims, long reservationId, long now);

  /** Moves the claims' units from in flight to spent. */
  abstract void settle(List<Claim> claims, long reservationId, long now);

  void pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  /** The rule on ledgers already locked: all claims fit and are held, or the wait is answered. */
  static long holdAll(Map<String, QuotaLedger> ledgers, List<Claim> claims, long id, long now) {
    long waitMillis = 0;
    for (Claim claim : claims) {
      QuotaLedger ledger = ledgerOf(ledgers, claim);
      if (!ledger.fits(claim.units(), claim.quota().ceiling(), now)) {
        long untilReturn = ledger.millisUntilUnitsReturn(now);
        waitMillis = Math.max(waitMillis, untilReturn < 0 ? IN_FLIGHT_POLL_MILLIS : untilReturn);
      }
    }
    if (waitMillis > 0) {
      return Math.min(waitMillis, MAX_WAIT_MILLIS);
    }
    claims.forEach(claim -> ledgerOf(ledgers, claim).hold(id, claim.units(), now));
    return 0;
  }

  static void settleAll(Map<String, QuotaLedger> ledgers, List<Claim> claims, long id, long now) {
    claims.forEach(
        claim ->
            ledgerOf(ledgers, claim)
                .settle(id, claim.units(), claim.quota().window().toMillis(), now));
  }

  /** The locked ledger of a claim's budget; the caller locked one for every claim. */
  static QuotaLedger ledgerOf(Map<String, QuotaLedger> ledgers, Claim claim) {
    return Objects.requireNonNull(ledgers.get(claim.budgetKey()), claim.budgetKey());
  }

  private final class Held implements Reservation {
    private final List<Claim> claims;
    private final long id;
    private boolean closed;

    Held(List<Claim> claims, long id) {
      this.claims = claims;
      this.id = id;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        settle(claims, id, clock.millis());
      } catch (RuntimeException e) {
        // The call itself went through; its units stay held until the lease ends, which errs on
        // the safe side, so the caller's answer is kept.
        log.warn("Could not settle a quota reservation: {}", e.toString());
      }
    }
  }
}

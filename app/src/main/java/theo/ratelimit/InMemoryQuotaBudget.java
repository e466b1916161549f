package theo.ratelimit;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ledgers in this JVM: exact for one instance, and what tests use; a closed call wakes waiters. */
class InMemoryQuotaBudget extends LedgerQuotaBudget {
  private final Map<String, QuotaLedger> ledgers = new HashMap<>();
  private long settled;

  InMemoryQuotaBudget(Clock clock) {
    super(clock);
  }

  @Override
  synchronized long tryHold(List<Claim> claims, long reservationId, long now) {
    claims.forEach(claim -> ledgers.computeIfAbsent(claim.budgetKey(), k -> new QuotaLedger()));
    return holdAll(ledgers, claims, reservationId, now);
  }

  @Override
  synchronized void settle(List<Claim> claims, long reservationId, long now) {
    settleAll(ledgers, claims, reservationId, now);
    settled++;
    if (ledgers.size() > 100_000) {
      ledgers.values().removeIf(QuotaLedger::isEmpty);
    }
    notifyAll();
  }

  @Override
  synchronized void pause(long millis) throws InterruptedException {
    long seen = settled;
    long until = System.nanoTime() + millis * 1_000_000;
    while (settled == seen) {
      long left = (until - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }
}

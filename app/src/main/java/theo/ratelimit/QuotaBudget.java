package theo.ratelimit;

import java.time.Clock;
import java.util.List;

/**
 * Paces calls to a remote quota (Google's) so every instance together stays under its ceilings: a
 * call reserves its units before it is sent and closes the reservation when it has ended; the units
 * count as in flight until then and as spent for one window after the end, because Google charges a
 * call at some moment between sending and answer (a bucket refilled by rate would let up to twice
 * the ceiling through in some window). Backed by the store of {@code theo.rate-limit.store}.
 */
public interface QuotaBudget {

  /**
   * Waits until every claim fits under its quota's ceiling, then holds them all together. Claims of
   * more units than a ceiling wait for an empty window and are then let through whole.
   */
  Reservation reserve(List<Claim> claims) throws InterruptedException;

  /** A budget in this JVM alone: for one instance, and for tests that move the clock. */
  static QuotaBudget inMemory(Clock clock) {
    return new InMemoryQuotaBudget(clock);
  }

  /** Units one call takes from one key of a quota. */
  record Claim(Quota quota, String key, long units) {
    public Claim {
      if (key == null || key.isBlank() || units < 0) {
        throw new IllegalArgumentException("A claim needs a key and units >= 0");
      }
    }

    String budgetKey() {
      return quota.name() + ':' + key;
    }
  }

  /**
   * The units of one call being made; closing it starts their window. Closing twice is harmless.
   */
  interface Reservation extends AutoCloseable {
    @Override
    void close();
  }
}

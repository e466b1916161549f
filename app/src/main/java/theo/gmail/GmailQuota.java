package theo.gmail;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Client-side pacing of Gmail quota units per user, so a sync runs at Google's per-user ceiling
 * without ever being refused. Google counts units over a sliding minute and charges a call (each
 * part of a batch) at some moment between its sending and its answer, so a unit spent returns to
 * the bucket one minute after the answer: never too early, whenever the charge happened (a
 * refill-by-rate bucket would let up to twice the ceiling through in some minute). Units are
 * reserved before a call is sent and count as "in flight" until it ends.
 */
@Component
class GmailQuota {
  static final int DEFAULT_USER_UNITS_PER_MINUTE = 6_000;
  static final int LIST_UNITS = 5;
  static final int GET_UNITS = 5;
  static final int HISTORY_UNITS = 2;
  static final int LABELS_UNITS = 1;
  static final int PROFILE_UNITS = 1;

  private static final long WINDOW_MILLIS = 60_000;
  // Google's window and ours start at slightly different instants; this keeps us on the safe side.
  private static final long SKEW_MILLIS = 250;

  private final Map<UUID, UserBucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile int unitsPerMinute;

  GmailQuota(GmailProperties properties, Clock clock) {
    this.unitsPerMinute = properties.quota().unitsPerMinute();
    this.clock = clock;
  }

  /** The ceiling paced to; 0 means no pacing. */
  int unitsPerMinute() {
    return unitsPerMinute;
  }

  /** Changes the ceiling (tests and benchmarks set it to the emulator's). */
  void unitsPerMinute(int units) {
    this.unitsPerMinute = units;
  }

  /**
   * The most parts one batch may hold. Paced, a unit stays out of the bucket for a minute plus the
   * duration of the call that spent it, and a batch only starts when all its units fit, so what is
   * left over in a full minute idles: small batches keep both short. About 0.8% of the ceiling each
   * (10 parts at 6,000 units/min, 25 at 15,000). Unpaced, Google's 100.
   */
  int maxBatchParts() {
    int limit = unitsPerMinute;
    return limit == 0 ? 100 : Math.max(1, Math.min(100, limit / (120 * GET_UNITS)));
  }

  /**
   * Waits until {@code units} fit into the user's minute, then reserves them. Close the returned
   * reservation when the call has ended.
   */
  Reservation reserve(UUID userId, int units) throws InterruptedException {
    int limit = unitsPerMinute;
    if (limit == 0) {
      return () -> {};
    }
    return buckets.computeIfAbsent(userId, id -> new UserBucket()).reserve(units, limit);
  }

  /** Units of a call being made; closing it starts their minute. */
  interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  private final class UserBucket {
    /** Finished calls: {end millis, units}, oldest first. */
    private final Deque<long[]> spent = new ArrayDeque<>();

    private long spentUnits;
    private long inFlightUnits;

    synchronized Reservation reserve(int units, int limit) throws InterruptedException {
      int needed = Math.min(units, limit);
      while (true) {
        long now = clock.millis();
        while (!spent.isEmpty() && spent.peekFirst()[0] + WINDOW_MILLIS + SKEW_MILLIS <= now) {
          spentUnits -= spent.pollFirst()[1];
        }
        if (spentUnits + inFlightUnits + needed <= limit) {
          inFlightUnits += units;
          return new Held(units);
        }
        long wait = spent.isEmpty() ? 50 : spent.peekFirst()[0] + WINDOW_MILLIS + SKEW_MILLIS - now;
        wait(Math.max(1, Math.min(wait, 1_000)));
      }
    }

    private synchronized void release(int units) {
      inFlightUnits -= units;
      spent.addLast(new long[] {clock.millis(), units});
      spentUnits += units;
      notifyAll();
    }

    private final class Held implements Reservation {
      private final int units;
      private boolean closed;

      Held(int units) {
        this.units = units;
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          release(units);
        }
      }
    }
  }
}

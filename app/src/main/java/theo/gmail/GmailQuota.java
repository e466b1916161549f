package theo.gmail;

import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.ratelimit.GoogleApiQuota;
import theo.ratelimit.QuotaBudget;

/**
 * Client-side pacing of Gmail quota units per user and for the whole Google project, so syncs run
 * at Google's ceilings without ever being refused, on one instance or several: units are drawn from
 * the shared {@link QuotaBudget}. Google counts units over a sliding minute and charges a call
 * (each part of a batch) at some moment between its sending and its answer, so a unit spent returns
 * to the budget one minute after the answer: never too early, whenever the charge happened (a
 * refill-by-rate bucket would let up to twice the ceiling through in some minute). Units are
 * reserved before a call is sent and count as "in flight" until it ends.
 */
@Component
class GmailQuota {
  static final int DEFAULT_USER_UNITS_PER_MINUTE = 6_000;
  static final int DEFAULT_PROJECT_UNITS_PER_MINUTE = 1_200_000;
  static final int LIST_UNITS = 5;
  static final int GET_UNITS = 5;
  static final int HISTORY_UNITS = 2;
  static final int LABELS_UNITS = 1;
  static final int PROFILE_UNITS = 1;
  static final int WATCH_UNITS = 100;
  static final int STOP_UNITS = 50;

  private final QuotaBudget budget;
  private volatile GoogleApiQuota quota;

  GmailQuota(GmailProperties properties, QuotaBudget budget) {
    this.budget = budget;
    this.quota =
        GoogleApiQuota.perMinute(
            "gmail",
            properties.quota().unitsPerMinute(),
            properties.quota().projectUnitsPerMinute());
  }

  /** The per-user ceiling paced to; 0 means no pacing. */
  int unitsPerMinute() {
    return (int) quota.perUser().ceiling();
  }

  /** Changes the per-user ceiling (tests and benchmarks set it to the emulator's). */
  void unitsPerMinute(int units) {
    this.quota = quota.withUserCeiling(units);
  }

  /**
   * The most parts one batch may hold. Paced, a unit stays out of the bucket for a minute plus the
   * duration of the call that spent it, and a batch only starts when all its units fit, so what is
   * left over in a full minute idles: small batches keep both short. About 0.8% of the ceiling each
   * (10 parts at 6,000 units/min, 25 at 15,000). Unpaced, Google's 100.
   */
  int maxBatchParts() {
    int limit = unitsPerMinute();
    return limit == 0 ? 100 : Math.max(1, Math.min(100, limit / (120 * GET_UNITS)));
  }

  /**
   * Waits until {@code units} fit into the user's and the project's minute, then reserves them.
   * Close the returned reservation when the call has ended.
   */
  QuotaBudget.Reservation reserve(UUID userId, int units) throws InterruptedException {
    return budget.reserve(quota.claims(userId, units));
  }
}

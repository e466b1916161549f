package theo.ratelimit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The units held against one key of a quota: calls in flight, and ended calls until a window after
 * their end. Every store keeps one per key and applies the same rules to it; shared stores keep it
 * serialized ({@link #toBytes()}).
 */
final class QuotaLedger {
  /** Google's window and ours start at slightly different instants (and instances' clocks too). */
  static final long SKEW_MILLIS = 250;

  /**
   * How long units of a call never closed (its instance died) stay held; far longer than any call
   * (Gmail's read timeout is one minute), so a slow call is never forgotten while it runs.
   */
  static final long LEASE_MILLIS = 10 * 60_000;

  /** Ended calls are grouped by when their units return, rounded up, so a ledger stays small. */
  private static final long SLOT_MILLIS = 100;

  private static final byte FORMAT = 1;

  /** Reservation id → {units, lease end}. */
  private final Map<Long, long[]> inFlight = new HashMap<>();

  /** Epoch millis the units return → units. */
  private final TreeMap<Long, Long> spent = new TreeMap<>();

  private long heldUnits;

  /** Whether {@code units} fit under {@code ceiling} now; more than the ceiling needs it all. */
  boolean fits(long units, long ceiling, long now) {
    forgetPast(now);
    return heldUnits + Math.min(units, ceiling) <= ceiling;
  }

  void hold(long reservationId, long units, long now) {
    inFlight.put(reservationId, new long[] {units, now + LEASE_MILLIS});
    heldUnits += units;
  }

  /** The call has ended: its units return a window (plus the skew) from now. */
  void settle(long reservationId, long units, long windowMillis, long now) {
    long[] held = inFlight.remove(reservationId);
    if (held != null) {
      heldUnits -= held[0];
    }
    long returnsAt = roundUp(now + windowMillis + SKEW_MILLIS);
    spent.merge(returnsAt, units, Long::sum);
    heldUnits += units;
    forgetPast(now);
  }

  /** How long until some held units return, or -1 when only calls in flight hold them. */
  long millisUntilUnitsReturn(long now) {
    return spent.isEmpty() ? -1 : Math.max(1, spent.firstKey() - now);
  }

  boolean isEmpty() {
    return inFlight.isEmpty() && spent.isEmpty();
  }

  private void forgetPast(long now) {
    while (!spent.isEmpty() && spent.firstKey() <= now) {
      heldUnits -= spent.pollFirstEntry().getValue();
    }
    inFlight
        .values()
        .removeIf(
            held -> {
              boolean expired = held[1] <= now;
              if (expired) {
                heldUnits -= held[0];
              }
              return expired;
            });
  }

  private static long roundUp(long millis) {
    return (millis + SLOT_MILLIS - 1) / SLOT_MILLIS * SLOT_MILLIS;
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(16 + 24 * (inFlight.size() + spent.size()));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeInt(inFlight.size());
      for (Map.Entry<Long, long[]> entry : inFlight.entrySet()) {
        out.writeLong(entry.getKey());
        out.writeLong(entry.getValue()[0]);
        out.writeLong(entry.getValue()[1]);
      }
      out.writeInt(spent.size());
      for (Map.Entry<Long, Long> entry : spent.entrySet()) {
        out.writeLong(entry.getKey());
        out.writeLong(entry.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static QuotaLedger fromBytes(byte[] bytes) {
    QuotaLedger ledger = new QuotaLedger();
    if (bytes == null || bytes.length == 0) {
      return ledger;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        // Written by a newer release: start afresh rather than misread it (a minute's pacing lost).
        return ledger;
      }
      for (int i = in.readInt(); i > 0; i--) {
        long id = in.readLong();
        long units = in.readLong();
        ledger.inFlight.put(id, new long[] {units, in.readLong()});
        ledger.heldUnits += units;
      }
      for (int i = in.readInt(); i > 0; i--) {
        long returnsAt = in.readLong();
        long units = in.readLong();
        ledger.spent.put(returnsAt, units);
        ledger.heldUnits += units;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ledger;
  }
}

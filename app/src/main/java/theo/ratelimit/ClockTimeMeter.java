package theo.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/** Bucket4j's time taken from the injected {@link Clock}, so tests can move it. */
record ClockTimeMeter(Clock clock) implements TimeMeter {
  @Override
  public long currentTimeNanos() {
    return clock.millis() * 1_000_000L;
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }
}

package theo.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named counters every surface bumps; {@code GET /emulator/stats} returns them all. */
public final class Stats {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  public void increment(String name) {
    add(name, 1);
  }

  public void add(String name, long amount) {
    counters.computeIfAbsent(name, key -> new LongAdder()).add(amount);
  }

  public long get(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> result = new TreeMap<>();
    counters.forEach((name, adder) -> result.put(name, adder.sum()));
    return result;
  }

  public void reset() {
    counters.clear();
  }
}

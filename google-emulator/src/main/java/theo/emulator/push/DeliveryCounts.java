package theo.emulator.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What happened to the notifications of one channel or subscription (or of all of them). */
final class DeliveryCounts {
  final LongAdder notifications = new LongAdder();
  final LongAdder attempted = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder abandoned = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder duplicated = new LongAdder();

  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("notifications", notifications.sum());
    map.put("attempted", attempted.sum());
    map.put("delivered", delivered.sum());
    map.put("failed", failed.sum());
    map.put("abandoned", abandoned.sum());
    map.put("dropped", dropped.sum());
    map.put("duplicated", duplicated.sum());
    return map;
  }
}

package theo.emulator.push;

import java.util.List;
import java.util.Map;

/** Calendar channels or Gmail watches, as the push admin API lists and expires them. */
public interface WatchRegistry {
  /** {@code channels} or {@code watches}: the key the admin API lists them under. */
  String kind();

  /** The live ones (not stopped, not expired), for one account or all ({@code account} null). */
  List<Map<String, Object>> describe(String account);

  /** Expires every live one of one account (or all when null) now; returns how many. */
  int expireNow(String account);
}

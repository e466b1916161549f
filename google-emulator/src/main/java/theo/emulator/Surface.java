package theo.emulator;

import theo.emulator.http.Router;

/** One Google surface (OAuth, Gmail, Calendar...) registering its routes with the emulator. */
public interface Surface {
  void register(Router router);
}

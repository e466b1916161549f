package theo.emulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start an emulator: bind address and port (0 picks a free one), the OAuth clients it
 * accepts (client id to secret), whether to seed the demo accounts, and the clock it runs on.
 */
public record EmulatorOptions(
    String host, int port, Map<String, String> clients, boolean seedDemoAccounts, Clock clock) {

  /** The client the app uses against the embedded emulator when no real Google client is set. */
  public static final String DEFAULT_CLIENT_ID = "theo-local.apps.googleusercontent.com";

  public static final String DEFAULT_CLIENT_SECRET = "theo-local-secret";

  public EmulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    clients = Map.copyOf(clients);
  }

  /** 127.0.0.1, a free port, the default client, demo accounts, the system clock. */
  public static EmulatorOptions defaults() {
    return new EmulatorOptions(
        "127.0.0.1", 0, Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET), true, Clock.systemUTC());
  }

  public EmulatorOptions withPort(int newPort) {
    return new EmulatorOptions(host, newPort, clients, seedDemoAccounts, clock);
  }

  public EmulatorOptions withClock(Clock newClock) {
    return new EmulatorOptions(host, port, clients, seedDemoAccounts, newClock);
  }

  public EmulatorOptions withSeedDemoAccounts(boolean seed) {
    return new EmulatorOptions(host, port, clients, seed, clock);
  }

  public EmulatorOptions withClient(String clientId, String clientSecret) {
    Map<String, String> copy = new LinkedHashMap<>(clients);
    copy.put(clientId, clientSecret);
    return new EmulatorOptions(host, port, copy, seedDemoAccounts, clock);
  }
}

package theo.emulator;

import java.time.Clock;
import java.util.Objects;
import theo.emulator.quota.Quotas;

/** What the surfaces share: options, clock, accounts, counters, faults and token verification. */
public final class EmulatorContext {
  private final EmulatorOptions options;
  private final Accounts accounts = new Accounts();
  private final Stats stats = new Stats();
  private final Faults faults = new Faults();
  private final ApiGuard guard = new ApiGuard(this);
  private final Quotas quotas;
  private volatile AccessTokenVerifier tokenVerifier = token -> java.util.Optional.empty();
  private volatile String baseUrl;

  EmulatorContext(EmulatorOptions options) {
    this.options = options;
    this.quotas = new Quotas(options.clock());
  }

  /** Per-API usage quotas; each API surface registers its own with Google's default limits. */
  public Quotas quotas() {
    return quotas;
  }

  public EmulatorOptions options() {
    return options;
  }

  public Clock clock() {
    return options.clock();
  }

  public Accounts accounts() {
    return accounts;
  }

  public Stats stats() {
    return stats;
  }

  public Faults faults() {
    return faults;
  }

  public ApiGuard guard() {
    return guard;
  }

  public AccessTokenVerifier tokenVerifier() {
    return tokenVerifier;
  }

  /** Set by the OAuth surface, which issues the tokens. */
  public void tokenVerifier(AccessTokenVerifier verifier) {
    this.tokenVerifier = Objects.requireNonNull(verifier);
  }

  /** {@code http://host:port} of the running emulator, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  void baseUrl(String url) {
    this.baseUrl = url;
  }
}

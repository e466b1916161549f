package theo.emulator;

import java.time.Clock;
import java.util.Objects;
import theo.emulator.push.JwtSigner;
import theo.emulator.push.PubSub;
import theo.emulator.push.PushDispatcher;
import theo.emulator.quota.Quotas;

/** What the surfaces share: options, clock, accounts, counters, faults and token verification. */
public final class EmulatorContext {
  private final EmulatorOptions options;
  private final Accounts accounts = new Accounts();
  private final Stats stats = new Stats();
  private final Faults faults = new Faults();
  private final ApiGuard guard = new ApiGuard(this);
  private final Quotas quotas;
  private final PushDispatcher push = new PushDispatcher(stats);
  private final PubSub pubSub;
  private volatile JwtSigner jwtSigner =
      claims -> {
        throw new IllegalStateException("No OIDC signing key: the OAuth surface is not installed");
      };
  private volatile AccessTokenVerifier tokenVerifier = token -> java.util.Optional.empty();
  private volatile String baseUrl;

  EmulatorContext(EmulatorOptions options) {
    this.options = options;
    this.quotas = new Quotas(options.clock());
    this.pubSub = new PubSub(options.clock(), push, this::baseUrl, () -> jwtSigner);
  }

  /** Posts push notifications (Calendar channels, Pub/Sub) off the API threads. */
  public PushDispatcher push() {
    return push;
  }

  /** The Pub/Sub push subscriptions Gmail's watches publish to. */
  public PubSub pubSub() {
    return pubSub;
  }

  /** Set by the OAuth surface: signs with the key {@code /oauth2/v3/certs} publishes. */
  public void jwtSigner(JwtSigner signer) {
    this.jwtSigner = Objects.requireNonNull(signer);
  }

  public JwtSigner jwtSigner() {
    return jwtSigner;
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

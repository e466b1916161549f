package theo.auth;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The health of the stored Google grants, counted over all accounts in the database (so every
 * instance reports the same figures): {@code theo.tokens.reconnect-required} accounts whose grant
 * Google no longer accepts, and {@code theo.tokens.pending-revocations} revocations still to be
 * retried at Google. One query serves both, at most every {@link #MAX_AGE}.
 */
@Component
class TokenGauges implements MeterBinder {
  static final Duration MAX_AGE = Duration.ofSeconds(10);

  private final JdbcClient jdbc;
  private volatile Counts counts = new Counts(0, 0, 0);

  TokenGauges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(
        registry,
        "theo.tokens.reconnect-required",
        Counts::reconnectRequired,
        "Google accounts whose grant Google no longer accepts (the person must connect again)");
    gauge(
        registry,
        "theo.tokens.pending-revocations",
        Counts::pendingRevocations,
        "Disconnected Google grants whose revocation at Google is still being retried");
  }

  private void gauge(
      MeterRegistry registry, String name, ToDoubleFunction<Counts> value, String description) {
    Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current()))
        .description(description)
        .register(registry);
  }

  private Counts current() {
    Counts known = counts;
    long now = System.nanoTime();
    if (now - known.readAtNanos() < MAX_AGE.toNanos() && known.readAtNanos() != 0) {
      return known;
    }
    Counts fresh =
        jdbc.sql(
                "select count(*) filter (where reconnect_required) as reconnect,"
                    + " count(*) filter (where revoke_pending) as revoke from google_accounts")
            .query((rs, row) -> new Counts(rs.getLong("reconnect"), rs.getLong("revoke"), now))
            .single();
    counts = fresh;
    return fresh;
  }

  private record Counts(long reconnectRequired, long pendingRevocations, long readAtNanos) {}
}

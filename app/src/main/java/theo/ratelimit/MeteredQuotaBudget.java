package theo.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Google quota pacing as operators see it, whatever the store: {@code theo.google.quota.units}
 * counts the units reserved per quota ({@code gmailUser}, {@code gmailProject}, {@code
 * calendarUser}), {@code theo.google.quota.ceiling} is each quota's ceiling per window (for one
 * key: one person, or the whole project), and {@code theo.google.quota.wait} how long calls waited
 * for room under a ceiling. Tags name the quota, never the key (a person).
 */
final class MeteredQuotaBudget implements QuotaBudget {
  private final QuotaBudget budget;
  private final ObjectProvider<MeterRegistry> registry;
  private final Map<String, Quota> ceilings = new ConcurrentHashMap<>();

  /** The registry is looked up at the first call: bean post-processing is too early for it. */
  MeteredQuotaBudget(QuotaBudget budget, ObjectProvider<MeterRegistry> registry) {
    this.budget = budget;
    this.registry = registry;
  }

  @Override
  public Reservation reserve(List<Claim> claims) throws InterruptedException {
    MeterRegistry meters = registry.getObject();
    long started = System.nanoTime();
    Reservation reservation = budget.reserve(claims);
    long waited = System.nanoTime() - started;
    for (Claim claim : claims) {
      Quota quota = claim.quota();
      if (ceilings.putIfAbsent(quota.name(), quota) == null) {
        Gauge.builder(
                "theo.google.quota.ceiling",
                ceilings,
                known -> known.getOrDefault(quota.name(), quota).ceiling())
            .description("Units a quota allows per window and key (0 = not paced)")
            .tag("quota", quota.name())
            .tag("window", quota.window().toString())
            .register(meters);
      }
      Counter.builder("theo.google.quota.units")
          .description("Quota units reserved for Google calls")
          .tag("quota", quota.name())
          .register(meters)
          .increment(claim.units());
      Timer.builder("theo.google.quota.wait")
          .description("Time a Google call waited for room under its quota")
          .tag("quota", quota.name())
          .register(meters)
          .record(waited, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    return reservation;
  }

  /** Wraps whichever {@link QuotaBudget} the store configuration made. */
  @Configuration(proxyBeanMethods = false)
  static class Wrapping {
    @Bean
    static BeanPostProcessor meteredQuotaBudgets(ObjectProvider<MeterRegistry> meters) {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          return bean instanceof QuotaBudget budget && !(bean instanceof MeteredQuotaBudget)
              ? new MeteredQuotaBudget(budget, meters)
              : bean;
        }
      };
    }
  }
}

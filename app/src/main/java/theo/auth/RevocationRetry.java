package theo.auth;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retries Google revocations that failed, every {@code theo.auth.revoke-retry-interval} (1 min).
 */
@Configuration(proxyBeanMethods = false)
class RevocationRetry {

  @Bean
  RecurringTask<Void> googleRevocationRetry(
      ScopeUpgrade scopeUpgrade,
      @Value("${theo.auth.revoke-retry-interval:PT1M}") Duration interval) {
    return Tasks.recurring("google-revocation-retry", Schedules.fixedDelay(interval))
        .execute((instance, context) -> scopeUpgrade.retryPendingRevocations());
  }
}

package theo.approval;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Marks overdue approvals expired every {@code theo.approvals.expiry-interval} (1 min). */
@Configuration(proxyBeanMethods = false)
class ApprovalExpiry {

  @Bean
  RecurringTask<Void> approvalExpiryTask(
      Approvals approvals, @Value("${theo.approvals.expiry-interval:PT1M}") Duration interval) {
    return Tasks.recurring("approval-expiry", Schedules.fixedDelay(interval))
        .execute((instance, context) -> approvals.expireOverdue());
  }
}

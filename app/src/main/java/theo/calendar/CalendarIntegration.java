package theo.calendar;

import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.approval.Approvals;
import theo.auth.IntegrationScopes;
import theo.auth.Scopes;
import theo.integration.spi.Integration;

/** Google Calendar in the shared integration pattern. */
@Component
class CalendarIntegration implements Integration {
  private final Approvals approvals;

  CalendarIntegration(Approvals approvals) {
    this.approvals = approvals;
  }

  @Override
  public String displayName() {
    return "Calendar";
  }

  @Override
  public IntegrationScopes scopes() {
    return Scopes.CALENDAR_INTEGRATION;
  }

  @Override
  public void deleteUserData(UUID userId) {
    // Nothing is stored for Calendar yet; the event sync adds its tables here.
    approvals.discardAll(userId, id());
  }
}

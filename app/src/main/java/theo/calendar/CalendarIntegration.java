package theo.calendar;

import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import theo.approval.Approvals;
import theo.auth.Scopes;
import theo.integration.spi.DemoRequest;
import theo.integration.spi.Integration;
import theo.integration.spi.IntegrationPages;
import theo.integration.spi.IntegrationPages.Page;
import theo.integration.spi.IntegrationProfile;

/** Google Calendar in the shared integration pattern. */
@Component
@EnableConfigurationProperties(CalendarProperties.class)
record CalendarIntegration(
    CalendarSyncEngine engine,
    CalendarRepository calendars,
    Approvals approvals,
    CalendarPush watches)
    implements Integration {
  /**
   * Synced by its engine and pushed by its watches; the agenda of synced events, and calendars to
   * sync.
   */
  @Override
  public IntegrationProfile profile() {
    return IntegrationProfile.of("Calendar", Scopes.CALENDAR_INTEGRATION)
        .syncedBy(engine)
        .pushedBy(watches)
        .withPages(
            new IntegrationPages(
                List.of(
                    Page.browse("events", "settings/events", "settings.integration.browseEvents")),
                "settings/sections/calendar"))
        .withDemoData(
            new DemoRequest(
                "alice@example.com",
                "calendar/generate",
                "{\"calendars\":4,\"eventsPerCalendar\":120,\"seed\":7}"),
            new DemoRequest(
                "bob@example.com",
                "calendar/generate",
                "{\"calendars\":2,\"eventsPerCalendar\":60,\"seed\":11}"));
  }

  /** Its pending approvals, calendars, events, sync tokens and checkpoints. */
  @Override
  public void deleteUserData(UUID userId) {
    approvals.discardAll(userId, id());
    calendars.deleteUserData(userId);
  }
}

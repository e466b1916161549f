package theo.calendar;

import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.services.calendar.Calendar;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.google.GoogleApis;
import theo.ratelimit.GoogleApiQuota;
import theo.ratelimit.QuotaBudget;

/**
 * Google's Calendar client for a user (built by the Google module), and the one way the sync
 * executes its requests: every attempt first reserves one request of the user's per-minute quota in
 * the shared budget (so instances together never exceed it), then is retried and classified by the
 * Google module.
 */
@Component
class CalendarApi {
  private final GoogleApis google;
  private final QuotaBudget budget;
  private final GoogleApiQuota quota;

  CalendarApi(GoogleApis google, QuotaBudget budget, CalendarProperties properties) {
    this.google = google;
    this.budget = budget;
    this.quota =
        GoogleApiQuota.perUserPerMinute("calendar", properties.quota().requestsPerMinute());
  }

  Calendar client(UUID userId) {
    return google.calendar(userId);
  }

  /**
   * Executes the request as the user, waiting for the user's quota before every attempt.
   *
   * @throws theo.google.GoogleException when it fails for good (404 and 410 at once)
   */
  <T> T execute(UUID userId, AbstractGoogleClientRequest<T> request) {
    return google.call(
        GoogleApis.CALENDAR,
        GoogleApis.methodOf(request),
        () -> {
          try (QuotaBudget.Reservation ignored = budget.reserve(quota.claims(userId, 1))) {
            return request.execute();
          }
        });
  }
}

package theo.calendar.approval;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.auth.GoogleApiAccess;
import theo.integration.GoogleCalls;
import theo.platform.ConflictException;
import theo.platform.GoogleEndpoints;
import theo.platform.NotFoundException;
import theo.platform.RefusedException;

/**
 * The Calendar calls approvals make for one user, through Google's Java client; Google's errors
 * become {@link RefusedException}s through {@link GoogleCalls}.
 */
@Component
class CalendarActionClient {
  private final GoogleApiAccess access;
  private final GoogleEndpoints google;

  CalendarActionClient(GoogleApiAccess access, GoogleEndpoints google) {
    this.access = access;
    this.google = google;
  }

  private Calendar calendar(UUID userId) {
    return new Calendar.Builder(
            access.transport(), GsonFactory.getDefaultInstance(), access.requestInitializer(userId))
        .setRootUrl(google.calendarRootUrl())
        .setApplicationName("theo")
        .build();
  }

  Event get(UUID userId, String calendarId, String eventId) {
    return call(() -> calendar(userId).events().get(calendarId, eventId).execute());
  }

  /** Inserts with our own event id, so a repeated insert is refused by Google, never doubled. */
  Event insert(UUID userId, String calendarId, Event event, String sendUpdates) {
    try {
      return call(
          () ->
              calendar(userId)
                  .events()
                  .insert(calendarId, event)
                  .setSendUpdates(sendUpdates)
                  .execute());
    } catch (ConflictException e) {
      return get(userId, calendarId, event.getId());
    }
  }

  Event patch(UUID userId, String calendarId, String eventId, Event changes, String sendUpdates) {
    return call(
        () ->
            calendar(userId)
                .events()
                .patch(calendarId, eventId, changes)
                .setSendUpdates(sendUpdates)
                .execute());
  }

  /** Deletes an event; one already gone counts as deleted. */
  void delete(UUID userId, String calendarId, String eventId, String sendUpdates) {
    try {
      call(
          () -> {
            calendar(userId)
                .events()
                .delete(calendarId, eventId)
                .setSendUpdates(sendUpdates)
                .execute();
            return null;
          });
    } catch (NotFoundException e) {
      // already gone
    }
  }

  /** Single events overlapping [start, end), cancelled and free ("transparent") ones left out. */
  List<Event> overlapping(UUID userId, String calendarId, Instant start, Instant end) {
    List<Event> result = new ArrayList<>();
    String pageToken = null;
    do {
      String token = pageToken;
      Events page =
          call(
              () ->
                  calendar(userId)
                      .events()
                      .list(calendarId)
                      .setTimeMin(new DateTime(start.toEpochMilli()))
                      .setTimeMax(new DateTime(end.toEpochMilli()))
                      .setSingleEvents(true)
                      .setMaxResults(250)
                      .setPageToken(token)
                      .execute());
      if (page.getItems() != null) {
        for (Event event : page.getItems()) {
          if (!"cancelled".equals(event.getStatus())
              && !"transparent".equals(event.getTransparency())) {
            result.add(event);
          }
        }
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null && result.size() < 50);
    return result;
  }

  static Optional<Instant> instant(com.google.api.services.calendar.model.EventDateTime when) {
    if (when == null) {
      return Optional.empty();
    }
    if (when.getDateTime() != null) {
      return Optional.of(Instant.ofEpochMilli(when.getDateTime().getValue()));
    }
    if (when.getDate() != null) {
      return Optional.of(Instant.ofEpochMilli(when.getDate().getValue()));
    }
    return Optional.empty();
  }

  private static <T> T call(GoogleCalls.Call<T> call) {
    return GoogleCalls.call("Google Calendar", call);
  }
}

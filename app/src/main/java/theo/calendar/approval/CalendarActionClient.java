package theo.calendar.approval;

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
import theo.google.GoogleApis;
import theo.google.GoogleInvalidRequestException;
import theo.google.GoogleNotFoundException;

/**
 * The Calendar calls approvals make for one user, through the Google module's client and retry
 * policy; failures are its {@link theo.google.GoogleException}s.
 */
@Component
record CalendarActionClient(GoogleApis google) {
  private Calendar calendar(UUID userId) {
    return google.calendar(userId);
  }

  Event get(UUID userId, String calendarId, String eventId) {
    return call(() -> calendar(userId).events().get(calendarId, eventId));
  }

  /** Inserts with our own event id, so a repeated insert is refused by Google, never doubled. */
  Event insert(UUID userId, String calendarId, Event event, String sendUpdates) {
    try {
      return call(
          () -> calendar(userId).events().insert(calendarId, event).setSendUpdates(sendUpdates));
    } catch (GoogleInvalidRequestException e) {
      if (e.conflict()) {
        return get(userId, calendarId, event.getId());
      }
      throw e;
    }
  }

  Event patch(UUID userId, String calendarId, String eventId, Event changes, String sendUpdates) {
    return call(
        () ->
            calendar(userId)
                .events()
                .patch(calendarId, eventId, changes)
                .setSendUpdates(sendUpdates));
  }

  /** Deletes an event; one already gone counts as deleted. */
  void delete(UUID userId, String calendarId, String eventId, String sendUpdates) {
    try {
      call(() -> calendar(userId).events().delete(calendarId, eventId).setSendUpdates(sendUpdates));
    } catch (GoogleNotFoundException e) {
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
                      .setPageToken(token));
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

  private <T> T call(GoogleApis.Request<T> request) {
    return google.execute(request);
  }
}

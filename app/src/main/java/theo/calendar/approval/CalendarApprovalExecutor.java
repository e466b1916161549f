package theo.calendar.approval;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import theo.approval.Approval;
import theo.approval.ApprovalExecutor;
import theo.integration.IntegrationException;

/**
 * Calendar event changes behind an approval: nothing exists at Google until approved. Prepare
 * checks the event (for changes) and records conflicts; execute inserts with an id derived from the
 * approval, so even a repeated insert cannot create a second event.
 */
@Component
class CalendarApprovalExecutor implements ApprovalExecutor {
  static final String CREATE = "event.create";
  static final String UPDATE = "event.update";
  static final String DELETE = "event.delete";
  static final String RESPOND = "event.respond";

  private final CalendarActionClient calendar;

  CalendarApprovalExecutor(CalendarActionClient calendar) {
    this.calendar = calendar;
  }

  @Override
  public String integration() {
    return "calendar";
  }

  @Override
  public Set<String> actionTypes() {
    return Set.of(CREATE, UPDATE, DELETE, RESPOND);
  }

  @Override
  public String capability() {
    return "canWrite";
  }

  @Override
  public Prepared prepare(UUID userId, String actionType, Map<String, Object> payload) {
    Map<String, Object> stored = new LinkedHashMap<>(payload);
    String calendarId = (String) payload.get("calendarId");
    String eventId = (String) payload.get("eventId");
    if (eventId != null) {
      Event current = calendar.get(userId, calendarId, eventId);
      stored.put("currentTitle", current.getSummary());
      CalendarActionClient.instant(current.getStart())
          .ifPresent(start -> stored.put("currentStartsAt", start.toString()));
    }
    if (payload.get("startsAt") != null) {
      stored.put(
          "conflicts",
          conflicts(
              userId,
              calendarId,
              eventId,
              instant(payload.get("startsAt")),
              instant(payload.get("endsAt"))));
    }
    return new Prepared(eventId, stored);
  }

  private List<Map<String, Object>> conflicts(
      UUID userId, String calendarId, String except, Instant start, Instant end) {
    List<Map<String, Object>> conflicts = new ArrayList<>();
    for (Event event : calendar.overlapping(userId, calendarId, start, end)) {
      if (event.getId().equals(except)
          || except != null && except.equals(event.getRecurringEventId())) {
        continue;
      }
      Map<String, Object> conflict = new LinkedHashMap<>();
      conflict.put("id", event.getId());
      conflict.put("title", event.getSummary());
      conflict.put(
          "startsAt",
          CalendarActionClient.instant(event.getStart()).map(Instant::toString).orElse(null));
      conflict.put(
          "endsAt",
          CalendarActionClient.instant(event.getEnd()).map(Instant::toString).orElse(null));
      conflicts.add(conflict);
    }
    return conflicts;
  }

  private static Instant instant(Object value) {
    String text = (String) value;
    return text.length() == 10 ? Instant.parse(text + "T00:00:00Z") : Instant.parse(text);
  }

  @Override
  public Map<String, Object> execute(Approval approval) {
    Map<String, Object> p = approval.payload();
    String calendarId = (String) p.get("calendarId");
    String eventId = approval.externalId();
    Map<String, Object> result = new LinkedHashMap<>();
    switch (approval.actionType()) {
      case CREATE -> {
        Event event = EventInput.event(p);
        // Google accepts client ids of base32hex characters; a UUID's hex digits are that.
        event.setId(approval.id().toString().replace("-", ""));
        Event created = calendar.insert(approval.userId(), calendarId, event, sendUpdates(p));
        result.put("eventId", created.getId());
        result.put("htmlLink", created.getHtmlLink());
      }
      case UPDATE -> {
        Event patched =
            calendar.patch(
                approval.userId(), calendarId, eventId, EventInput.event(p), sendUpdates(p));
        result.put("eventId", patched.getId());
        result.put("htmlLink", patched.getHtmlLink());
      }
      case DELETE -> {
        calendar.delete(approval.userId(), calendarId, eventId, "all");
        result.put("eventId", eventId);
        result.put("deleted", true);
      }
      case RESPOND -> {
        Event current = calendar.get(approval.userId(), calendarId, eventId);
        List<EventAttendee> attendees =
            current.getAttendees() == null ? List.of() : current.getAttendees();
        EventAttendee self =
            attendees.stream()
                .filter(a -> Boolean.TRUE.equals(a.getSelf()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IntegrationException(
                            HttpStatus.CONFLICT,
                            "NOT_AN_ATTENDEE",
                            "You are not invited to this event"));
        self.setResponseStatus((String) p.get("response"));
        calendar.patch(
            approval.userId(), calendarId, eventId, new Event().setAttendees(attendees), "all");
        result.put("eventId", eventId);
        result.put("response", p.get("response"));
      }
      default -> throw new IllegalStateException("Unknown action " + approval.actionType());
    }
    return result;
  }

  private static String sendUpdates(Map<String, Object> p) {
    return p.get("attendees") instanceof List<?> list && !list.isEmpty() ? "all" : "none";
  }

  @Override
  public void discard(Approval approval) {
    // Nothing exists at Google before approval.
  }
}

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
import org.springframework.stereotype.Component;
import theo.approval.Approval;
import theo.approval.ApprovalExecutor;
import theo.calendar.SyncedEvents;
import theo.platform.ConflictException;

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
  private final SyncedEvents syncedEvents;

  CalendarApprovalExecutor(CalendarActionClient calendar, SyncedEvents syncedEvents) {
    this.calendar = calendar;
    this.syncedEvents = syncedEvents;
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

  /**
   * Events in the way of {@code [start, end)}: the target calendar as Google has it now (fresher
   * than the last sync), plus every other synced calendar of the person. The changed event itself
   * (and its series) never conflicts with itself.
   */
  private List<Map<String, Object>> conflicts(
      UUID userId, String calendarId, String except, Instant start, Instant end) {
    Map<String, Map<String, Object>> conflicts = new LinkedHashMap<>();
    for (Event event : calendar.overlapping(userId, calendarId, start, end)) {
      if (!isSelf(event.getId(), event.getRecurringEventId(), except)) {
        conflicts.put(
            calendarId + "\n" + event.getId(),
            conflict(
                calendarId,
                event.getId(),
                event.getSummary(),
                CalendarActionClient.instant(event.getStart()).orElse(null),
                CalendarActionClient.instant(event.getEnd()).orElse(null)));
      }
    }
    for (SyncedEvents.Overlap event : syncedEvents.overlapping(userId, calendarId, start, end)) {
      if (!isSelf(event.eventId(), event.recurringEventId(), except)) {
        conflicts.putIfAbsent(
            event.calendarId() + "\n" + event.eventId(),
            conflict(
                event.calendarId(),
                event.eventId(),
                event.title(),
                event.startsAt(),
                event.endsAt()));
      }
    }
    return new ArrayList<>(conflicts.values());
  }

  private static boolean isSelf(String id, String recurringEventId, String except) {
    return except != null && (except.equals(id) || except.equals(recurringEventId));
  }

  private static Map<String, Object> conflict(
      String calendarId, String id, String title, Instant startsAt, Instant endsAt) {
    Map<String, Object> conflict = new LinkedHashMap<>();
    conflict.put("calendarId", calendarId);
    conflict.put("id", id);
    conflict.put("title", title);
    conflict.put("startsAt", startsAt == null ? null : startsAt.toString());
    conflict.put("endsAt", endsAt == null ? null : endsAt.toString());
    return conflict;
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
                        new ConflictException(
                            "NOT_AN_ATTENDEE", "You are not invited to this event"));
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

package theo.calendar.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The validated fields of an event to create or change; null where not given. {@code startsAt} and
 * {@code endsAt} are ISO instants, or dates for whole days.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventDetails(
    @Nullable String title,
    @Nullable String timezone,
    @Nullable Boolean allDay,
    @Nullable String startsAt,
    @Nullable String endsAt,
    @Nullable String location,
    @Nullable String description,
    @Nullable List<String> attendees,
    @Nullable List<String> recurrence) {

  boolean changesNothing() {
    return equals(new EventDetails(null, null, null, null, null, null, null, null, null));
  }

  /** Google sends invitations only when the event has attendees. */
  String sendUpdates() {
    return attendees != null && !attendees.isEmpty() ? "all" : "none";
  }
}

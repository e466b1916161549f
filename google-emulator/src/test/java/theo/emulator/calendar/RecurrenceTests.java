package theo.emulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTests {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant FAR = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void forEachWhenWeeklyWithIntervalAndDaysThenEveryOtherWeekOnThoseDays() {
    List<String> dates =
        expand("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5", "2026-03-02T09:00", FAR);

    assertThat(dates)
        .containsExactly(
            "2026-03-02T09:00",
            "2026-03-05T09:00",
            "2026-03-16T09:00",
            "2026-03-19T09:00",
            "2026-03-30T09:00");
  }

  @Test
  void forEachWhenMonthlyByOrdinalWeekdayThenThatWeekdayOfEachMonth() {
    assertThat(expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "2026-01-30T12:00", FAR))
        .containsExactly("2026-01-30T12:00", "2026-02-27T12:00", "2026-03-27T12:00");
    assertThat(expand("RRULE:FREQ=MONTHLY;COUNT=3", "2026-01-31T12:00", FAR))
        .containsExactly("2026-01-31T12:00", "2026-03-31T12:00", "2026-05-31T12:00");
  }

  @Test
  void forEachWhenUntilAndExdateThenInclusiveUntilWithoutExcludedDates() {
    List<String> dates =
        expand(
            List.of(
                "RRULE:FREQ=DAILY;UNTIL=20260305T080000Z",
                "EXDATE;TZID=Europe/Berlin:20260303T090000"),
            "2026-03-01T09:00",
            FAR);

    assertThat(dates)
        .containsExactly(
            "2026-03-01T09:00", "2026-03-02T09:00", "2026-03-04T09:00", "2026-03-05T09:00");
  }

  @Test
  void forEachWhenYearlyUnboundedThenStopsAtTheGivenInstant() {
    assertThat(expand("RRULE:FREQ=YEARLY", "2024-02-29T00:00", FAR))
        .containsExactly("2024-02-29T00:00", "2028-02-29T00:00");
  }

  @Test
  void forEachWhenRuleNeverMatchesThenTerminates() {
    assertThat(expand("RRULE:FREQ=DAILY;BYMONTHDAY=31;BYMONTH=2", "2026-01-01T00:00", FAR))
        .isEmpty();
  }

  @Test
  void parseWhenRuleIsMalformedThenRejected() {
    assertThatThrownBy(() -> expand("RRULE:FREQ=HOURLY", "2026-01-01T00:00", FAR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> expand("RRULE:FREQ=DAILY;COUNT=0", "2026-01-01T00:00", FAR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> expand("FREQ=DAILY", "2026-01-01T00:00", FAR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> expand(String rule, String start, Instant stop) {
    return expand(List.of(rule), start, stop);
  }

  private static List<String> expand(List<String> lines, String start, Instant stop) {
    LocalDateTime first = LocalDateTime.parse(start);
    List<String> result = new ArrayList<>();
    Recurrence.parse(lines, first, BERLIN)
        .forEach(
            first,
            stop,
            local -> {
              result.add(local.toString());
              return true;
            });
    return result;
  }
}

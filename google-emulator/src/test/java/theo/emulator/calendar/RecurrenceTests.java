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
  void forEachWhenUntilIsLocalTimeOrDateThenReadInTheEventsZoneInclusive() {
    assertThat(expand("RRULE:FREQ=DAILY;UNTIL=20260303T090000", "2026-03-01T09:00", FAR))
        .containsExactly("2026-03-01T09:00", "2026-03-02T09:00", "2026-03-03T09:00");
    assertThat(expand("RRULE:FREQ=DAILY;UNTIL=20260302", "2026-03-01T09:00", FAR))
        .containsExactly("2026-03-01T09:00", "2026-03-02T09:00");
  }

  @Test
  void forEachWhenYearlyUnboundedThenStopsAtTheGivenInstant() {
    assertThat(expand("RRULE:FREQ=YEARLY", "2024-02-29T00:00", FAR))
        .containsExactly("2024-02-29T00:00", "2028-02-29T00:00");
  }

  @Test
  void forEachWhenRuleNeverMatchesThenOnlyTheEventsOwnStart() {
    assertThat(expand("RRULE:FREQ=DAILY;BYMONTHDAY=31;BYMONTH=2", "2026-01-01T00:00", FAR))
        .containsExactly("2026-01-01T00:00");
  }

  @Test
  void forEachWhenMatchesAreYearsApartOnADailyRuleThenEndsWithoutFailing() {
    assertThat(expand("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29T09:00", FAR))
        .startsWith("2024-02-29T09:00");
  }

  @Test
  void forEachWhenStartDoesNotMatchTheRuleThenStartKeptOnTopOfTheRulesCount() {
    // a Monday start with a Tuesday/Thursday rule, as Google expands it
    assertThat(expand("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3", "2026-03-02T09:00", FAR))
        .containsExactly(
            "2026-03-02T09:00", "2026-03-03T09:00", "2026-03-05T09:00", "2026-03-10T09:00");
  }

  @Test
  void forEachWhenSeriesCrossesDaylightSavingThenLocalTimeIsKept() {
    List<String> instants = new ArrayList<>();
    Recurrence.parse(
            List.of("RRULE:FREQ=WEEKLY;COUNT=3"),
            LocalDateTime.parse("2026-03-03T09:00"),
            ZoneId.of("America/New_York"),
            false)
        .forEach(
            FAR,
            local -> instants.add(local.atZone(ZoneId.of("America/New_York")).toInstant() + ""));

    assertThat(instants)
        .containsExactly("2026-03-03T14:00:00Z", "2026-03-10T13:00:00Z", "2026-03-17T13:00:00Z");
  }

  @Test
  void forEachWhenAllDaySeriesHasTimedUntilAndDateExdateThenWholeDaysCount() {
    List<String> dates = new ArrayList<>();
    Recurrence.parse(
            List.of("RRULE:FREQ=DAILY;UNTIL=20260305T080000Z", "EXDATE;VALUE=DATE:20260303"),
            LocalDateTime.parse("2026-03-01T00:00"),
            BERLIN,
            true)
        .forEach(FAR, local -> dates.add(local.toLocalDate().toString()));

    assertThat(dates).containsExactly("2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05");
  }

  @Test
  void forEachWhenRdateAndExruleThenAddedAndRemoved() {
    assertThat(
            expand(
                List.of(
                    "RRULE:FREQ=DAILY;COUNT=4",
                    "RDATE;TZID=Europe/Berlin:20260310T090000",
                    "EXRULE:FREQ=DAILY;INTERVAL=2;COUNT=2"),
                "2026-03-01T09:00",
                FAR))
        .containsExactly("2026-03-02T09:00", "2026-03-04T09:00", "2026-03-10T09:00");
  }

  @Test
  void parseWhenRuleRepeatsWithinADayOrIsMalformedThenRejected() {
    for (String refused :
        List.of("RRULE:FREQ=HOURLY", "RRULE:FREQ=MINUTELY", "RRULE:FREQ=SECONDLY;COUNT=2")) {
      assertThatThrownBy(() -> expand(refused, "2026-01-01T00:00", FAR))
          .as(refused)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(
            () ->
                expand("RRULE:FREQ=DAILY;COUNT=2;UNTIL=20260105T000000Z", "2026-01-01T00:00", FAR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> expand("RRULE:FREQ=FORTNIGHTLY", "2026-01-01T00:00", FAR))
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
    Recurrence.parse(lines, first, BERLIN, false)
        .forEach(
            stop,
            local -> {
              result.add(local.toString());
              return true;
            });
    return result;
  }
}

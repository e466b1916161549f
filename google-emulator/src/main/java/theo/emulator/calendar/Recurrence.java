package theo.emulator.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An event's {@code recurrence} lines (one RRULE plus EXDATEs, RFC 5545) expanded in the event's
 * own time zone. Supports FREQ DAILY/WEEKLY/MONTHLY/YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (with
 * ordinals), BYMONTHDAY and BYMONTH.
 */
final class Recurrence {
  /** Rules that never match would otherwise loop forever; no real rule needs more periods. */
  private static final int MAX_PERIODS = 200_000;

  private static final DateTimeFormatter UTC_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final DateTimeFormatter DATE_STAMP = DateTimeFormatter.BASIC_ISO_DATE;

  enum Frequency {
    DAILY,
    WEEKLY,
    MONTHLY,
    YEARLY
  }

  private record WeekdayRule(int ordinal, DayOfWeek day) {}

  private final Frequency frequency;
  private final int interval;
  private final Integer count;
  private final Instant untilExclusive;
  private final List<WeekdayRule> byDay;
  private final List<Integer> byMonthDay;
  private final List<Integer> byMonth;
  private final Set<Instant> exdates;
  private final ZoneId zone;

  private Recurrence(
      Frequency frequency,
      int interval,
      Integer count,
      Instant untilExclusive,
      List<WeekdayRule> byDay,
      List<Integer> byMonthDay,
      List<Integer> byMonth,
      Set<Instant> exdates,
      ZoneId zone) {
    this.frequency = frequency;
    this.interval = interval;
    this.count = count;
    this.untilExclusive = untilExclusive;
    this.byDay = byDay;
    this.byMonthDay = byMonthDay;
    this.byMonth = byMonth;
    this.exdates = exdates;
    this.zone = zone;
  }

  /**
   * Parses the lines of an event's {@code recurrence}; {@code start} is the series' first start as
   * local time in {@code zone}.
   *
   * @throws IllegalArgumentException for rules the emulator (or Google) does not accept
   */
  static Recurrence parse(List<String> lines, LocalDateTime start, ZoneId zone) {
    String rrule = null;
    Set<Instant> exdates = new HashSet<>();
    for (String line : lines) {
      String trimmed = line.trim();
      String upper = trimmed.toUpperCase(Locale.ROOT);
      if (upper.startsWith("RRULE:")) {
        if (rrule != null) {
          throw invalid();
        }
        rrule = upper.substring("RRULE:".length());
      } else if (upper.startsWith("EXDATE")) {
        exdates.addAll(parseDates(trimmed, start, zone));
      } else if (!upper.startsWith("RDATE") && !upper.startsWith("EXRULE")) {
        throw invalid();
      }
    }
    if (rrule == null) {
      throw invalid();
    }
    Frequency frequency = null;
    int interval = 1;
    Integer count = null;
    Instant until = null;
    List<WeekdayRule> byDay = List.of();
    List<Integer> byMonthDay = List.of();
    List<Integer> byMonth = List.of();
    try {
      for (String part : rrule.split(";")) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw invalid();
        }
        String key = part.substring(0, eq);
        String value = part.substring(eq + 1);
        switch (key) {
          case "FREQ" -> frequency = Frequency.valueOf(value);
          case "INTERVAL" -> interval = positive(Integer.parseInt(value));
          case "COUNT" -> count = positive(Integer.parseInt(value));
          case "UNTIL" -> until = untilExclusive(value, zone);
          case "BYDAY" -> byDay = weekdays(value);
          case "BYMONTHDAY" -> byMonthDay = integers(value, 31);
          case "BYMONTH" -> byMonth = integers(value, 12);
          case "WKST", "BYSETPOS", "BYHOUR", "BYMINUTE", "BYSECOND", "BYYEARDAY", "BYWEEKNO" -> {
            // accepted and ignored: the emulator expands the common rules only
          }
          default -> throw invalid();
        }
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid();
    }
    if (frequency == null || (count != null && until != null)) {
      throw invalid();
    }
    return new Recurrence(
        frequency, interval, count, until, byDay, byMonthDay, byMonth, exdates, zone);
  }

  /**
   * Calls {@code sink} with each occurrence's local start, in order, until the rule ends, an
   * occurrence starts at or after {@code stop}, or the sink returns false.
   */
  void forEach(LocalDateTime start, Instant stop, Predicate<LocalDateTime> sink) {
    LocalDate startDate = start.toLocalDate();
    int emitted = 0;
    for (int period = 0; period < MAX_PERIODS; period++) {
      LocalDate periodStart = periodStart(startDate, period);
      if (!instant(periodStart.atTime(start.toLocalTime())).isBefore(stop)
          || (untilExclusive != null
              && !instant(periodStart.atStartOfDay()).isBefore(untilExclusive))) {
        return;
      }
      for (LocalDate date : candidates(startDate, period)) {
        if (date.isBefore(startDate)) {
          continue;
        }
        LocalDateTime local = date.atTime(start.toLocalTime());
        Instant at = instant(local);
        if ((untilExclusive != null && !at.isBefore(untilExclusive))
            || (count != null && emitted >= count)
            || !at.isBefore(stop)) {
          return;
        }
        // COUNT counts the rule's occurrences; EXDATE removes some of them afterwards (RFC 5545)
        emitted++;
        if (!exdates.contains(at) && !sink.test(local)) {
          return;
        }
      }
    }
  }

  /** Whether the series ends by itself (COUNT or UNTIL). */
  boolean bounded() {
    return count != null || untilExclusive != null;
  }

  private Instant instant(LocalDateTime local) {
    return local.atZone(zone).toInstant();
  }

  private LocalDate periodStart(LocalDate startDate, int period) {
    long step = (long) period * interval;
    return switch (frequency) {
      case DAILY -> startDate.plusDays(step);
      case WEEKLY ->
          startDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(step);
      case MONTHLY -> startDate.withDayOfMonth(1).plusMonths(step);
      case YEARLY -> startDate.withDayOfYear(1).plusYears(step);
    };
  }

  private List<LocalDate> candidates(LocalDate startDate, int period) {
    LocalDate periodStart = periodStart(startDate, period);
    List<LocalDate> dates = new ArrayList<>();
    switch (frequency) {
      case DAILY -> {
        if (matchesMonth(periodStart)
            && matchesMonthDay(periodStart)
            && (byDay.isEmpty()
                || byDay.stream().anyMatch(rule -> rule.day() == periodStart.getDayOfWeek()))) {
          dates.add(periodStart);
        }
      }
      case WEEKLY -> {
        List<DayOfWeek> days =
            byDay.isEmpty()
                ? List.of(startDate.getDayOfWeek())
                : byDay.stream().map(WeekdayRule::day).distinct().sorted().toList();
        for (DayOfWeek day : days) {
          LocalDate date = periodStart.plusDays(day.getValue() - 1L);
          if (matchesMonth(date)) {
            dates.add(date);
          }
        }
      }
      case MONTHLY -> {
        YearMonth month = YearMonth.from(periodStart);
        if (byMonth.isEmpty() || byMonth.contains(month.getMonthValue())) {
          dates.addAll(daysInMonth(month, startDate));
        }
      }
      case YEARLY -> {
        List<Integer> months;
        if (!byMonth.isEmpty()) {
          months = byMonth.stream().distinct().sorted().toList();
        } else if (!byDay.isEmpty() || !byMonthDay.isEmpty()) {
          months = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        } else {
          months = List.of(startDate.getMonthValue());
        }
        for (int month : months) {
          dates.addAll(daysInMonth(YearMonth.of(periodStart.getYear(), month), startDate));
        }
      }
    }
    dates.sort(null);
    return dates;
  }

  private List<LocalDate> daysInMonth(YearMonth month, LocalDate startDate) {
    List<LocalDate> byMonthDays = new ArrayList<>();
    for (int day : byMonthDay) {
      int actual = day > 0 ? day : month.lengthOfMonth() + day + 1;
      if (actual >= 1 && actual <= month.lengthOfMonth()) {
        byMonthDays.add(month.atDay(actual));
      }
    }
    List<LocalDate> byWeekday = new ArrayList<>();
    for (WeekdayRule rule : byDay) {
      LocalDate first = month.atDay(1).with(TemporalAdjusters.nextOrSame(rule.day()));
      List<LocalDate> all = new ArrayList<>();
      for (LocalDate date = first; date.getMonthValue() == month.getMonthValue(); ) {
        all.add(date);
        date = date.plusWeeks(1);
      }
      if (rule.ordinal() == 0) {
        byWeekday.addAll(all);
      } else {
        int index = rule.ordinal() > 0 ? rule.ordinal() - 1 : all.size() + rule.ordinal();
        if (index >= 0 && index < all.size()) {
          byWeekday.add(all.get(index));
        }
      }
    }
    if (byDay.isEmpty() && byMonthDay.isEmpty()) {
      // Feb 30th does not exist: RFC 5545 skips such months rather than clamping
      return startDate.getDayOfMonth() <= month.lengthOfMonth()
          ? List.of(month.atDay(startDate.getDayOfMonth()))
          : List.of();
    }
    if (byDay.isEmpty()) {
      return byMonthDays;
    }
    if (byMonthDay.isEmpty()) {
      return byWeekday;
    }
    byWeekday.retainAll(byMonthDays);
    return byWeekday;
  }

  private boolean matchesMonth(LocalDate date) {
    return byMonth.isEmpty() || byMonth.contains(date.getMonthValue());
  }

  private boolean matchesMonthDay(LocalDate date) {
    if (byMonthDay.isEmpty()) {
      return true;
    }
    int length = date.lengthOfMonth();
    return byMonthDay.stream()
        .anyMatch(day -> (day > 0 ? day : length + day + 1) == date.getDayOfMonth());
  }

  private static Instant untilExclusive(String value, ZoneId zone) {
    if (value.length() == 8) {
      return LocalDate.parse(value, DATE_STAMP).plusDays(1).atStartOfDay(zone).toInstant();
    }
    Instant until =
        value.endsWith("Z")
            ? Instant.from(UTC_STAMP.parse(value))
            : LocalDateTime.parse(value, LOCAL_STAMP).atZone(zone).toInstant();
    return until.plusMillis(1);
  }

  /** EXDATE;TZID=Europe/Berlin:20260105T090000,... or EXDATE;VALUE=DATE:20260105 or ...Z. */
  private static List<Instant> parseDates(String line, LocalDateTime start, ZoneId zone) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw invalid();
    }
    ZoneId valueZone = zone;
    for (String parameter : line.substring(0, colon).split(";")) {
      if (parameter.toUpperCase(Locale.ROOT).startsWith("TZID=")) {
        try {
          valueZone = ZoneId.of(parameter.substring("TZID=".length()));
        } catch (RuntimeException e) {
          throw invalid();
        }
      }
    }
    List<Instant> result = new ArrayList<>();
    try {
      for (String value : line.substring(colon + 1).split(",")) {
        String trimmed = value.trim();
        if (trimmed.length() == 8) {
          result.add(
              LocalDate.parse(trimmed, DATE_STAMP)
                  .atTime(start.toLocalTime())
                  .atZone(zone)
                  .toInstant());
        } else if (trimmed.toUpperCase(Locale.ROOT).endsWith("Z")) {
          result.add(Instant.from(UTC_STAMP.parse(trimmed.toUpperCase(Locale.ROOT))));
        } else {
          result.add(LocalDateTime.parse(trimmed, LOCAL_STAMP).atZone(valueZone).toInstant());
        }
      }
    } catch (DateTimeParseException e) {
      throw invalid();
    }
    return result;
  }

  private static List<WeekdayRule> weekdays(String value) {
    List<WeekdayRule> rules = new ArrayList<>();
    for (String item : value.split(",")) {
      String code = item.substring(item.length() - 2);
      String ordinal = item.substring(0, item.length() - 2);
      rules.add(
          new WeekdayRule(
              ordinal.isEmpty() ? 0 : Integer.parseInt(ordinal.replace("+", "")), weekday(code)));
    }
    return rules;
  }

  private static DayOfWeek weekday(String code) {
    return switch (code) {
      case "MO" -> DayOfWeek.MONDAY;
      case "TU" -> DayOfWeek.TUESDAY;
      case "WE" -> DayOfWeek.WEDNESDAY;
      case "TH" -> DayOfWeek.THURSDAY;
      case "FR" -> DayOfWeek.FRIDAY;
      case "SA" -> DayOfWeek.SATURDAY;
      case "SU" -> DayOfWeek.SUNDAY;
      default -> throw invalid();
    };
  }

  private static List<Integer> integers(String value, int max) {
    List<Integer> result = new ArrayList<>();
    for (String item : value.split(",")) {
      int number = Integer.parseInt(item);
      if (number == 0 || Math.abs(number) > max) {
        throw invalid();
      }
      result.add(number);
    }
    return result;
  }

  private static int positive(int value) {
    if (value <= 0) {
      throw invalid();
    }
    return value;
  }

  private static IllegalArgumentException invalid() {
    return new IllegalArgumentException("Invalid recurrence rule.");
  }
}

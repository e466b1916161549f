package theo.emulator.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Predicate;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.RecurrenceSet;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recurrenceset.Difference;
import org.dmfs.rfc5545.recurrenceset.Merged;
import org.dmfs.rfc5545.recurrenceset.OfList;
import org.dmfs.rfc5545.recurrenceset.OfRule;

/**
 * An event's {@code recurrence} lines (RRULE, EXRULE, RDATE and EXDATE of RFC 5545) expanded by
 * lib-recur in the event's own time zone, so a 09:00 meeting stays at 09:00 across daylight saving
 * changes.
 */
final class Recurrence {
  /** Google Calendar refuses rules that repeat within a day. */
  private static final Set<Freq> REFUSED = Set.of(Freq.SECONDLY, Freq.MINUTELY, Freq.HOURLY);

  private final RecurrenceSet instances;
  private final ZoneId zone;
  private final boolean allDay;

  private Recurrence(RecurrenceSet instances, ZoneId zone, boolean allDay) {
    this.instances = instances;
    this.zone = zone;
    this.allDay = allDay;
  }

  /**
   * Parses the lines of an event's {@code recurrence}; {@code start} is the series' first start as
   * local time in {@code zone}, a date at midnight for all-day series.
   *
   * @throws IllegalArgumentException for rules Google refuses or that do not parse
   */
  static Recurrence parse(List<String> lines, LocalDateTime start, ZoneId zone, boolean allDay) {
    DateTime first = allDay ? date(start.toLocalDate()) : timed(start, zone);
    List<RecurrenceSet> included = new ArrayList<>();
    List<RecurrenceSet> excluded = new ArrayList<>();
    boolean hasRule = false;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw invalid();
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      String property = name.split(";", 2)[0].toUpperCase(Locale.ROOT);
      switch (property) {
        case "RRULE" -> {
          if (hasRule) {
            throw invalid();
          }
          hasRule = true;
          included.add(matching(new OfRule(rule(value, zone, allDay), first)));
        }
        case "EXRULE" -> excluded.add(matching(new OfRule(rule(value, zone, allDay), first)));
        case "RDATE" -> included.add(new OfList(dates(name, value, start, zone, allDay)));
        case "EXDATE" -> excluded.add(new OfList(dates(name, value, start, zone, allDay)));
        default -> throw invalid();
      }
    }
    if (!hasRule) {
      throw invalid();
    }
    // Google, unlike RFC 5545's COUNT, keeps the event's own start as an instance even where the
    // rule does not match it, on top of the rule's instances
    included.add(new OfList(first));
    RecurrenceSet set = new Merged(included);
    if (!excluded.isEmpty()) {
      set = new Difference(set, new Merged(excluded));
    }
    return new Recurrence(set, zone, allDay);
  }

  /**
   * Calls {@code sink} with each occurrence's local start, in order, until the set ends, an
   * occurrence starts at or after {@code stop}, or the sink returns false.
   */
  void forEach(Instant stop, Predicate<LocalDateTime> sink) {
    try {
      for (DateTime instance : instances) {
        LocalDateTime local = local(instance);
        if (!local.atZone(zone).toInstant().isBefore(stop) || !sink.test(local)) {
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      // lib-recur also gives up between two far-apart matches (a daily rule for February 29th):
      // the series is treated as ended there rather than failing the request
    }
  }

  /** Whether the series ends by itself (COUNT or UNTIL). */
  boolean bounded() {
    return instances.isFinite();
  }

  private LocalDateTime local(DateTime instance) {
    if (allDay) {
      return fields(instance).atStartOfDay();
    }
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(instance.getTimestamp()), zone);
  }

  /**
   * The rule's instances, or none for a rule that never matches (e.g. February 31st), on which
   * lib-recur gives up with an exception after many empty periods.
   */
  private static RecurrenceSet matching(RecurrenceSet rule) {
    try {
      rule.iterator();
      return rule;
    } catch (IllegalArgumentException e) {
      return new OfList(new DateTime[0]);
    }
  }

  private static RecurrenceRule rule(String value, ZoneId zone, boolean allDay) {
    RecurrenceRule rule;
    try {
      rule = new RecurrenceRule(value, RecurrenceRule.RfcMode.RFC5545_STRICT);
    } catch (InvalidRecurrenceRuleException | RuntimeException e) {
      throw invalid();
    }
    if (REFUSED.contains(rule.getFreq())
        || (rule.getCount() != null && rule.getCount() < 1)
        || rule.getInterval() < 1) {
      throw invalid();
    }
    DateTime until = rule.getUntil();
    if (until != null && allDay != until.isAllDay()) {
      // clients often send a date-time UNTIL for all-day series (and the reverse); RFC 5545 wants
      // UNTIL of DTSTART's type, so it is brought to the series' type as Google does
      rule.setUntil(allDay ? until.toAllDay() : endOfDay(until, zone));
    } else if (until != null && !allDay && until.isFloating()) {
      // a local UNTIL (no Z) is read in the event's zone; RFC 5545 wants it in UTC
      rule.setUntil(
          utc(
              fields(until).atTime(until.getHours(), until.getMinutes(), until.getSeconds()),
              zone));
    }
    return rule;
  }

  private static DateTime endOfDay(DateTime date, ZoneId zone) {
    return utc(fields(date).atTime(23, 59, 59), zone);
  }

  private static LocalDate fields(DateTime value) {
    return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDayOfMonth());
  }

  private static DateTime utc(LocalDateTime local, ZoneId zone) {
    return new DateTime(DateTime.UTC, local.atZone(zone).toInstant().toEpochMilli());
  }

  /** EXDATE;TZID=Europe/Berlin:20260105T090000,... or EXDATE;VALUE=DATE:20260105 or ...Z. */
  private static List<DateTime> dates(
      String name, String values, LocalDateTime start, ZoneId zone, boolean allDay) {
    TimeZone valueZone = TimeZone.getTimeZone(zone);
    for (String parameter : name.split(";")) {
      if (parameter.toUpperCase(Locale.ROOT).startsWith("TZID=")) {
        try {
          valueZone = TimeZone.getTimeZone(ZoneId.of(parameter.substring("TZID=".length())));
        } catch (RuntimeException e) {
          throw invalid();
        }
      }
    }
    List<DateTime> result = new ArrayList<>();
    for (String value : values.split(",")) {
      DateTime parsed;
      try {
        parsed = DateTime.parse(valueZone, value.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw invalid();
      }
      result.add(sameKind(parsed, start, zone, allDay));
    }
    return result;
  }

  /** A date excludes the series' occurrence on that day; a time on an all-day series its day. */
  private static DateTime sameKind(
      DateTime value, LocalDateTime start, ZoneId zone, boolean allDay) {
    if (allDay) {
      return value.isAllDay() ? value : value.shiftTimeZone(TimeZone.getTimeZone(zone)).toAllDay();
    }
    if (value.isAllDay()) {
      return timed(fields(value).atTime(start.toLocalTime()), zone);
    }
    return new DateTime(TimeZone.getTimeZone(zone), value.getTimestamp());
  }

  private static DateTime timed(LocalDateTime local, ZoneId zone) {
    return new DateTime(TimeZone.getTimeZone(zone), local.atZone(zone).toInstant().toEpochMilli());
  }

  private static DateTime date(LocalDate day) {
    return new DateTime(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth());
  }

  private static IllegalArgumentException invalid() {
    return new IllegalArgumentException("Invalid recurrence rule.");
  }
}

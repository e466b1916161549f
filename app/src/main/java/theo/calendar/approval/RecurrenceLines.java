package theo.calendar.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.jspecify.annotations.Nullable;
import theo.platform.InvalidInputException;
import theo.platform.TextRules;

/**
 * An event's {@code recurrence} lines checked the way Google Calendar reads them, with lib-recur's
 * strict RFC 5545 parser: {@code RRULE}/{@code EXRULE} rules repeating at least daily, {@code
 * RDATE}/{@code EXDATE} lists of dates. A rule Google would refuse is refused when the approval is
 * created, not when it is approved.
 */
final class RecurrenceLines {
  static final int MAX_LINES = 20;
  static final int MAX_LINE_LENGTH = 1024;

  /** Google Calendar repeats events daily at most often. */
  private static final Set<Freq> TOO_FREQUENT = Set.of(Freq.SECONDLY, Freq.MINUTELY, Freq.HOURLY);

  private RecurrenceLines() {}

  static List<String> validate(List<@Nullable String> lines) {
    if (lines.size() > MAX_LINES) {
      throw invalid("at most " + MAX_LINES + " recurrence lines");
    }
    List<String> valid = new ArrayList<>();
    for (String line : lines) {
      valid.add(line(line));
    }
    return valid;
  }

  private static String line(@Nullable String line) {
    if (line == null || line.isBlank()) {
      throw invalid("recurrence lines must not be empty");
    }
    String text = line.trim();
    if (text.length() > MAX_LINE_LENGTH || !TextRules.isOneLine(text)) {
      throw invalid(
          "recurrence lines must be one line of at most " + MAX_LINE_LENGTH + " characters");
    }
    int colon = text.indexOf(':');
    int semicolon = text.indexOf(';');
    int nameEnd = semicolon >= 0 && (colon < 0 || semicolon < colon) ? semicolon : colon;
    if (nameEnd <= 0 || colon < 0 || colon == text.length() - 1) {
      throw invalid("recurrence lines must start with RRULE:, EXRULE:, RDATE: or EXDATE:");
    }
    String name = text.substring(0, nameEnd).toUpperCase(Locale.ROOT);
    String value = text.substring(colon + 1);
    switch (name) {
      case "RRULE", "EXRULE" -> rule(name, nameEnd == colon ? value : null);
      case "RDATE", "EXDATE" -> dates(name, value);
      default ->
          throw invalid("recurrence lines must start with RRULE:, EXRULE:, RDATE: or EXDATE:");
    }
    return text;
  }

  private static void rule(String name, @Nullable String value) {
    if (value == null) {
      throw invalid(name + " takes no parameters");
    }
    RecurrenceRule rule;
    try {
      rule = new RecurrenceRule(value, RecurrenceRule.RfcMode.RFC5545_STRICT);
    } catch (InvalidRecurrenceRuleException | RuntimeException e) {
      throw invalid(name + " is not a valid RFC 5545 rule: " + value);
    }
    if (TOO_FREQUENT.contains(rule.getFreq())) {
      throw invalid(
          name + " FREQ=" + rule.getFreq() + " is not supported; events repeat at most daily");
    }
    if (rule.getUntil() != null && rule.getCount() != null) {
      throw invalid(name + " may have UNTIL or COUNT, not both");
    }
  }

  private static void dates(String name, String value) {
    for (String date : value.split(",", -1)) {
      try {
        DateTime parsed = DateTime.parse(date.trim());
        if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
          throw invalid(name + " dates must be between the years 0001 and 9999");
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw invalid(name + " has a date that is not an RFC 5545 date or date-time: " + date);
      }
    }
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(message);
  }
}

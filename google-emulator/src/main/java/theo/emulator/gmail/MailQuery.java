package theo.emulator.gmail;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Gmail's search syntax the emulator understands: {@code after:}, {@code before:}
 * (yyyy/mm/dd in UTC, or epoch seconds), {@code label:}, {@code in:} (inbox, sent, trash, spam,
 * drafts, starred, anywhere), {@code is:} (unread, read, starred, important), {@code from:}, {@code
 * to:}, {@code subject:}, {@code has:attachment}, plain words, and {@code -} before any term to
 * negate it. Terms are ANDed.
 */
final class MailQuery {
  private static final Pattern TERM = Pattern.compile("(-?)(?:([A-Za-z_]+):)?(\"[^\"]*\"|\\S+)");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/M/d");

  private final Predicate<StoredMessage.Snapshot> predicate;
  private final boolean mentionsSpamOrTrash;

  private MailQuery(Predicate<StoredMessage.Snapshot> predicate, boolean mentionsSpamOrTrash) {
    this.predicate = predicate;
    this.mentionsSpamOrTrash = mentionsSpamOrTrash;
  }

  static MailQuery parse(String q, Mailbox mailbox) {
    Predicate<StoredMessage.Snapshot> all = message -> true;
    boolean spamOrTrash = false;
    if (q == null || q.isBlank()) {
      return new MailQuery(all, false);
    }
    Matcher matcher = TERM.matcher(q.trim());
    while (matcher.find()) {
      boolean negated = !matcher.group(1).isEmpty();
      String operator = matcher.group(2) == null ? "" : matcher.group(2).toLowerCase(Locale.ROOT);
      String value = unquote(matcher.group(3));
      if (operator.isEmpty() && value.equals("OR")) {
        throw new IllegalArgumentException("The emulator's search does not support OR");
      }
      if ((operator.equals("in") || operator.equals("label"))
          && List.of("spam", "trash", "anywhere").contains(value.toLowerCase(Locale.ROOT))) {
        spamOrTrash = true;
      }
      Predicate<StoredMessage.Snapshot> term = term(operator, value, mailbox);
      all = all.and(negated ? term.negate() : term);
    }
    return new MailQuery(all, spamOrTrash);
  }

  boolean test(StoredMessage.Snapshot message) {
    return predicate.test(message);
  }

  /** Whether the query itself asks for spam or trash, which lists then include. */
  boolean mentionsSpamOrTrash() {
    return mentionsSpamOrTrash;
  }

  private static Predicate<StoredMessage.Snapshot> term(
      String operator, String value, Mailbox mailbox) {
    String lower = value.toLowerCase(Locale.ROOT);
    return switch (operator) {
      case "after" -> {
        long millis = instant(value);
        yield message -> message.message().internalDate() >= millis;
      }
      case "before" -> {
        long millis = instant(value);
        yield message -> message.message().internalDate() < millis;
      }
      case "label" -> hasLabel(mailbox.resolveLabel(value));
      case "in" ->
          switch (lower) {
            case "anywhere" -> message -> true;
            case "drafts" -> hasLabel(Optional.of("DRAFT"));
            default -> hasLabel(mailbox.resolveLabel(value));
          };
      case "is" ->
          switch (lower) {
            case "read" -> hasLabel(Optional.of("UNREAD")).negate();
            case "unread", "starred", "important" -> hasLabel(mailbox.resolveLabel(value));
            default -> throw new IllegalArgumentException("Unsupported search term is:" + value);
          };
      case "from" -> header("From", lower);
      case "to" -> header("To", lower).or(header("Cc", lower));
      case "subject" -> header("Subject", lower);
      case "has" -> {
        if (!lower.equals("attachment")) {
          throw new IllegalArgumentException("Unsupported search term has:" + value);
        }
        yield message -> hasAttachment(message.message().root());
      }
      case "" ->
          header("Subject", lower)
              .or(header("From", lower))
              .or(header("To", lower))
              .or(message -> message.message().snippet().toLowerCase(Locale.ROOT).contains(lower));
      // Gmail reads an operator it does not know as a plain word.
      default -> term("", operator + ":" + value, mailbox);
    };
  }

  private static Predicate<StoredMessage.Snapshot> hasLabel(Optional<String> labelId) {
    return labelId
        .<Predicate<StoredMessage.Snapshot>>map(id -> message -> message.labelIds().contains(id))
        .orElse(message -> false);
  }

  private static Predicate<StoredMessage.Snapshot> header(String name, String lowerNeedle) {
    return message -> message.message().header(name).toLowerCase(Locale.ROOT).contains(lowerNeedle);
  }

  private static boolean hasAttachment(MimeNode node) {
    return node.isAttachment() || node.children().stream().anyMatch(MailQuery::hasAttachment);
  }

  private static long instant(String value) {
    if (value.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(value) * 1000;
    }
    try {
      return LocalDate.parse(value.replace('-', '/'), DATE)
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid date in search: " + value);
    }
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}

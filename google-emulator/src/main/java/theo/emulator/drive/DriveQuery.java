package theo.emulator.drive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;

/**
 * The {@code q} of {@code files.list}, in Drive's search syntax: terms such as {@code name contains
 * 'x'}, {@code mimeType = 'x'}, {@code 'id' in parents}, {@code 'me' in owners}, {@code trashed =
 * false}, {@code modifiedTime > '2024-01-01T00:00:00'}, {@code starred}, {@code sharedWithMe},
 * {@code fullText contains 'x'}, combined with {@code and}, {@code or}, {@code not} and
 * parentheses. Anything else answers Drive's 400 "Invalid Value" on {@code q}.
 */
final class DriveQuery {
  private final List<String> tokens;
  private final AccountDrive drive;
  private int position;

  private DriveQuery(List<String> tokens, AccountDrive drive) {
    this.tokens = tokens;
    this.drive = drive;
  }

  static Predicate<DriveFile> parse(String q, AccountDrive drive) {
    if (q == null || q.isBlank()) {
      return file -> true;
    }
    DriveQuery parser = new DriveQuery(tokenize(q), drive);
    Predicate<DriveFile> predicate = parser.or();
    if (parser.position != parser.tokens.size()) {
      throw invalid();
    }
    return predicate;
  }

  static ApiException invalid() {
    return GoogleErrors.ApiError.of(400, "invalid", "Invalid Value")
        .location("q", "parameter")
        .exception();
  }

  private Predicate<DriveFile> or() {
    Predicate<DriveFile> left = and();
    while (acceptWord("or")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<DriveFile> and() {
    Predicate<DriveFile> left = not();
    while (acceptWord("and")) {
      left = left.and(not());
    }
    return left;
  }

  private Predicate<DriveFile> not() {
    if (acceptWord("not")) {
      return not().negate();
    }
    if (accept("(")) {
      Predicate<DriveFile> inner = or();
      expect(")");
      return inner;
    }
    return term();
  }

  private Predicate<DriveFile> term() {
    String first = next();
    if (isString(first)) {
      String value = unquote(first);
      if (!acceptWord("in")) {
        throw invalid();
      }
      String collection = next().toLowerCase(Locale.ROOT);
      return switch (collection) {
        case "parents" -> {
          String parent = drive.resolve(value);
          yield file -> file.parents.contains(parent);
        }
        case "owners" -> {
          String owner = "me".equals(value) ? drive.account.email() : value;
          yield file -> file.ownerEmail.equalsIgnoreCase(owner);
        }
        default -> throw invalid();
      };
    }
    String field = first;
    switch (field) {
      case "sharedWithMe", "starred", "trashed" -> {
        if (peekOperator()) {
          return booleanTerm(field);
        }
        if (field.equals("trashed")) {
          throw invalid();
        }
        return field.equals("starred") ? file -> file.starred : file -> !file.ownedByMe;
      }
      case "name" -> {
        return textTerm(file -> file.name, true);
      }
      case "mimeType" -> {
        return textTerm(file -> file.mimeType, false);
      }
      case "fullText" -> {
        String operator = next();
        if (!operator.equals("contains")) {
          throw invalid();
        }
        String needle = stringValue().toLowerCase(Locale.ROOT);
        return file -> fullText(file).contains(needle);
      }
      case "modifiedTime", "createdTime", "sharedWithMeTime", "viewedByMeTime" -> {
        String operator = next();
        Instant value = time(stringValue());
        Function<DriveFile, Instant> getter =
            switch (field) {
              case "createdTime" -> file -> file.createdTime;
              case "sharedWithMeTime" -> file -> file.sharedWithMeTime;
              default -> file -> file.modifiedTime;
            };
        return file -> {
          Instant actual = getter.apply(file);
          return actual != null && compare(operator, actual.compareTo(value));
        };
      }
      default -> throw invalid();
    }
  }

  private Predicate<DriveFile> booleanTerm(String field) {
    String operator = next();
    String value = next();
    if (!value.equals("true") && !value.equals("false")) {
      throw invalid();
    }
    boolean wanted = value.equals("true");
    if (!operator.equals("=") && !operator.equals("!=")) {
      throw invalid();
    }
    boolean equal = operator.equals("=");
    return file -> {
      boolean actual =
          switch (field) {
            case "trashed" -> file.trashed;
            case "starred" -> file.starred;
            default -> !file.ownedByMe;
          };
      return (actual == wanted) == equal;
    };
  }

  private Predicate<DriveFile> textTerm(Function<DriveFile, String> getter, boolean wordPrefixes) {
    String operator = next();
    String value = stringValue();
    return switch (operator) {
      case "=" -> file -> getter.apply(file).equals(value);
      case "!=" -> file -> !getter.apply(file).equals(value);
      case "contains" -> {
        String needle = value.toLowerCase(Locale.ROOT);
        yield wordPrefixes
            ? file -> hasWordPrefix(getter.apply(file), needle)
            : file -> getter.apply(file).toLowerCase(Locale.ROOT).contains(needle);
      }
      default -> throw invalid();
    };
  }

  /**
   * Drive matches {@code name contains} against the start of the name or of a word in it ("Hello"
   * finds "HelloWorld" and "Say Hello", "World" finds neither "HelloWorld" nor "Helloworld").
   */
  static boolean hasWordPrefix(String name, String needle) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith(needle)) {
      return true;
    }
    for (int i = 1; i < lower.length(); i++) {
      char before = lower.charAt(i - 1);
      if (!Character.isLetterOrDigit(before) && lower.startsWith(needle, i)) {
        return true;
      }
    }
    return false;
  }

  private static String fullText(DriveFile file) {
    StringBuilder text = new StringBuilder(file.name.toLowerCase(Locale.ROOT));
    if (DriveExports.isTextual(file)) {
      text.append('\n')
          .append(new String(file.content(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }
    return text.toString();
  }

  private static boolean compare(String operator, int order) {
    return switch (operator) {
      case "=" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      case ">=" -> order >= 0;
      default -> throw invalid();
    };
  }

  /** RFC 3339; Drive reads a time without an offset as UTC. */
  private static Instant time(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        try {
          return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException last) {
          throw invalid();
        }
      }
    }
  }

  private boolean peekOperator() {
    return position < tokens.size()
        && (tokens.get(position).equals("=") || tokens.get(position).equals("!="));
  }

  private String stringValue() {
    String token = next();
    if (!isString(token)) {
      throw invalid();
    }
    return unquote(token);
  }

  private String next() {
    if (position >= tokens.size()) {
      throw invalid();
    }
    return tokens.get(position++);
  }

  private boolean accept(String token) {
    if (position < tokens.size() && tokens.get(position).equals(token)) {
      position++;
      return true;
    }
    return false;
  }

  private boolean acceptWord(String word) {
    if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw invalid();
    }
  }

  private static boolean isString(String token) {
    return token.length() >= 2 && token.charAt(0) == '\'';
  }

  private static String unquote(String token) {
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < token.length() - 1; i++) {
      char c = token.charAt(i);
      if (c == '\\' && i + 1 < token.length() - 1) {
        c = token.charAt(++i);
      }
      value.append(c);
    }
    return value.toString();
  }

  /** Quoted strings (with {@code \'} and {@code \\} escapes), operators, parentheses and words. */
  private static List<String> tokenize(String q) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int start = i++;
        while (i < q.length() && q.charAt(i) != '\'') {
          i += q.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= q.length()) {
          throw invalid();
        }
        tokens.add(q.substring(start, ++i));
      } else if (c == '(' || c == ')' || c == '=') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '!' || c == '<' || c == '>') {
        if (i + 1 < q.length() && q.charAt(i + 1) == '=') {
          tokens.add(q.substring(i, i + 2));
          i += 2;
        } else if (c == '!') {
          throw invalid();
        } else {
          tokens.add(String.valueOf(c));
          i++;
        }
      } else {
        int start = i;
        while (i < q.length()
            && !Character.isWhitespace(q.charAt(i))
            && "()=!<>'".indexOf(q.charAt(i)) < 0) {
          i++;
        }
        tokens.add(q.substring(start, i));
      }
    }
    return tokens;
  }
}

package theo.emulator.people;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each account's contacts, with a version that changes whenever the contacts are replaced. */
public final class ContactBooks {
  private final Map<String, Book> books = new ConcurrentHashMap<>();

  /** Replaces an account's contacts (the Gmail generator puts its correspondents here). */
  public void replace(String email, List<Correspondents.Correspondent> contacts) {
    books.compute(
        key(email),
        (key, old) -> new Book(List.copyOf(contacts), old == null ? 1 : old.version() + 1));
  }

  Book book(String email) {
    return books.getOrDefault(key(email), new Book(List.of(), 0));
  }

  private static String key(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  record Book(List<Correspondents.Correspondent> contacts, long version) {}
}

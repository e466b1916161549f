package theo.emulator.people;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's contacts and "other contacts" (people it exchanged mail with but did not save),
 * with a version that changes whenever either is replaced or the account's sync tokens are expired:
 * a sync token names the version it was issued at, so any change makes the earlier tokens stale.
 */
public final class ContactBooks {
  private final Map<String, Book> books = new ConcurrentHashMap<>();

  /** Replaces an account's contacts (the Gmail generator puts its correspondents here). */
  public void replace(String email, List<Correspondents.Correspondent> contacts) {
    books.compute(
        key(email),
        (key, old) ->
            old == null
                ? new Book(List.copyOf(contacts), List.of(), 1)
                : new Book(List.copyOf(contacts), old.otherContacts(), old.version() + 1));
  }

  /** Replaces an account's other contacts. */
  void replaceOther(String email, List<Correspondents.Correspondent> otherContacts) {
    books.compute(
        key(email),
        (key, old) ->
            old == null
                ? new Book(List.of(), List.copyOf(otherContacts), 1)
                : new Book(old.contacts(), List.copyOf(otherContacts), old.version() + 1));
  }

  /** Makes every sync token issued so far stale, as Google does after seven days. */
  void expireSyncTokens(String email) {
    books.compute(
        key(email),
        (key, old) ->
            old == null
                ? new Book(List.of(), List.of(), 1)
                : new Book(old.contacts(), old.otherContacts(), old.version() + 1));
  }

  Book book(String email) {
    return books.getOrDefault(key(email), new Book(List.of(), List.of(), 0));
  }

  private static String key(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  record Book(
      List<Correspondents.Correspondent> contacts,
      List<Correspondents.Correspondent> otherContacts,
      long version) {}
}

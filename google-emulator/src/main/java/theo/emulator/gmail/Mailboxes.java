package theo.emulator.gmail;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import theo.emulator.Account;

/** The mailbox of every account, created empty on first use. */
final class Mailboxes {
  private final Map<String, Mailbox> byEmail = new ConcurrentHashMap<>();

  Mailbox of(Account account) {
    return byEmail.computeIfAbsent(
        account.email().toLowerCase(Locale.ROOT), email -> new Mailbox(account.email()));
  }
}

package theo.emulator.gmail;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import theo.emulator.Account;

/** The mailbox of every account, created empty on first use. */
final class Mailboxes {
  private final Map<String, Mailbox> byEmail = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, HistoryRecord> changes = (owner, record) -> {};

  /** Told of every history record any mailbox appends (under that mailbox's monitor). */
  void onChange(BiConsumer<String, HistoryRecord> listener) {
    this.changes = listener;
  }

  Mailbox of(Account account) {
    return byEmail.computeIfAbsent(
        account.email().toLowerCase(Locale.ROOT),
        email -> new Mailbox(account.email(), (owner, record) -> changes.accept(owner, record)));
  }
}

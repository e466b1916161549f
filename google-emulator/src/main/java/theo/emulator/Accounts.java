package theo.emulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The emulator's Google accounts, keyed by lower-cased email. */
public final class Accounts {
  private final Map<String, Account> byEmail = new ConcurrentHashMap<>();
  private final List<Consumer<Account>> createdListeners = new CopyOnWriteArrayList<>();

  /**
   * Creates an account; its {@code sub} is derived from the email so it is stable across restarts.
   *
   * @throws IllegalStateException when an account with this email exists
   */
  public Account create(String email, String name) {
    String key = normalise(email);
    Account account = new Account(subFor(key), key, name);
    if (byEmail.putIfAbsent(key, account) != null) {
      throw new IllegalStateException("Account " + key + " already exists");
    }
    createdListeners.forEach(listener -> listener.accept(account));
    return account;
  }

  public Optional<Account> find(String email) {
    return email == null ? Optional.empty() : Optional.ofNullable(byEmail.get(normalise(email)));
  }

  public Optional<Account> findBySub(String sub) {
    return byEmail.values().stream().filter(account -> account.sub().equals(sub)).findFirst();
  }

  public Collection<Account> all() {
    List<Account> accounts = new ArrayList<>(byEmail.values());
    accounts.sort((a, b) -> a.email().compareTo(b.email()));
    return accounts;
  }

  /** Lets a surface prepare per-account state (a mailbox, a primary calendar) on creation. */
  public void onCreated(Consumer<Account> listener) {
    createdListeners.add(listener);
    byEmail.values().forEach(listener);
  }

  private static String normalise(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  private static String subFor(String email) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      String digits = new BigInteger(1, digest).toString().substring(0, 20);
      return "1" + digits;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package theo.emulator;

/** A Google account the emulator knows: stable numeric {@code sub}, email and display name. */
public record Account(String sub, String email, String name) {
  public Account {
    if (sub == null || sub.isBlank() || email == null || !email.contains("@")) {
      throw new IllegalArgumentException("An account needs a sub and a valid email");
    }
    if (name == null || name.isBlank()) {
      name = email.substring(0, email.indexOf('@'));
    }
  }
}

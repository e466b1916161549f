package theo.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A decrypted Google access token for one API call; never log it ({@link #toString} hides it). */
public record AccessToken(String value, @Nullable Instant expiresAt) {
  @Override
  public String toString() {
    return "AccessToken[value=***, expiresAt=" + expiresAt + "]";
  }
}

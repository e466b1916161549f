package theo.auth;

import org.jspecify.annotations.Nullable;

/** A token could not be encrypted or decrypted: tampered, truncated, or its key is unknown. */
public class TokenCipherException extends RuntimeException {
  TokenCipherException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

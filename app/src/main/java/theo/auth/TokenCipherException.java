package theo.auth;

/** A token could not be encrypted or decrypted: tampered, truncated, or its key is unknown. */
public class TokenCipherException extends RuntimeException {
  TokenCipherException(String message, Throwable cause) {
    super(message, cause);
  }
}

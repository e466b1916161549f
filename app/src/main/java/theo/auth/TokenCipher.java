package theo.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts OAuth tokens at rest with AES-256-GCM. The key id travels inside the ciphertext, so keys
 * can be rotated: the first key encrypts, every configured key decrypts.
 *
 * <p>Layout: {@code version(1) | keyIdLength(1) | keyId | iv(12) | ciphertext+tag(16)}; the header
 * is authenticated as associated data, so a swapped key id fails like any other tampering.
 */
public final class TokenCipher {
  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Key current;
  private final Map<String, Key> keys = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** {@code keys} must not be empty; the first encrypts. */
  public TokenCipher(List<Key> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("At least one token encryption key is needed");
    }
    for (Key key : keys) {
      if (this.keys.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("Duplicate token encryption key id " + key.id());
      }
    }
    this.current = keys.get(0);
  }

  /** Parses {@code "kid:base64key,kid2:base64key"}; the first key encrypts. */
  public static TokenCipher fromSpec(String spec) {
    List<Key> keys = new ArrayList<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("A key must look like kid:base64key");
      }
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Key " + entry.substring(0, colon).trim() + " is not base64");
      }
      keys.add(new Key(entry.substring(0, colon).trim(), secret));
    }
    return new TokenCipher(keys);
  }

  /** The id of the key new ciphertexts use. */
  public String currentKeyId() {
    return current.id();
  }

  public byte[] encrypt(String plaintext) {
    byte[] header = header(current.id());
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current, iv);
      cipher.updateAAD(header);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(header.length + IV_BYTES + sealed.length)
          .put(header)
          .put(iv)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new TokenCipherException("Token encryption failed", e);
    }
  }

  /**
   * @throws TokenCipherException when the ciphertext is malformed, tampered with, or was made with
   *     a key that is not configured
   */
  public String decrypt(byte[] ciphertext) {
    ByteBuffer buffer = ByteBuffer.wrap(ciphertext);
    if (buffer.remaining() < 2 || buffer.get() != VERSION) {
      throw new TokenCipherException("Unknown token ciphertext format", null);
    }
    int idLength = Byte.toUnsignedInt(buffer.get());
    if (buffer.remaining() < idLength + IV_BYTES + TAG_BITS / 8) {
      throw new TokenCipherException("Token ciphertext is truncated", null);
    }
    byte[] id = new byte[idLength];
    buffer.get(id);
    String keyId = new String(id, StandardCharsets.UTF_8);
    Key key = keys.get(keyId);
    if (key == null) {
      throw new TokenCipherException(
          "Token was encrypted with key id '" + keyId + "', which is not configured", null);
    }
    byte[] iv = new byte[IV_BYTES];
    buffer.get(iv);
    byte[] sealed = new byte[buffer.remaining()];
    buffer.get(sealed);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv);
      cipher.updateAAD(header(keyId));
      return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new TokenCipherException("Token ciphertext failed authentication (tampered?)", e);
    } catch (GeneralSecurityException e) {
      throw new TokenCipherException("Token decryption failed", e);
    }
  }

  /** Whether this ciphertext was made with an older key and should be re-encrypted. */
  public boolean needsReEncryption(byte[] ciphertext) {
    return ciphertext.length < 2 || !keyIdOf(ciphertext).equals(current.id());
  }

  private static String keyIdOf(byte[] ciphertext) {
    int length = Math.min(Byte.toUnsignedInt(ciphertext[1]), ciphertext.length - 2);
    return new String(ciphertext, 2, length, StandardCharsets.UTF_8);
  }

  private static byte[] header(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
  }

  private static Cipher cipher(int mode, Key key, byte[] iv) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key.secret(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
    return cipher;
  }

  /** A 256-bit AES key and its id (1 to 255 UTF-8 bytes). */
  public record Key(String id, byte[] secret) {
    public Key {
      int idBytes = id == null ? 0 : id.getBytes(StandardCharsets.UTF_8).length;
      if (idBytes == 0 || idBytes > 255 || id.contains(",") || id.contains(":")) {
        throw new IllegalArgumentException("A key id needs 1-255 bytes and no ',' or ':'");
      }
      if (secret == null || secret.length != 32) {
        throw new IllegalArgumentException("Key " + id + " must be 32 bytes (AES-256)");
      }
      secret = secret.clone();
    }

    /** A fresh random key. */
    public static Key generate(String id) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      return new Key(id, secret);
    }

    /** {@code id:base64}, the form {@code theo.crypto.keys} takes. */
    public String toSpec() {
      return id + ":" + Base64.getEncoder().encodeToString(secret);
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public String toString() {
      return "Key[id=" + id + ", secret=***]";
    }
  }
}

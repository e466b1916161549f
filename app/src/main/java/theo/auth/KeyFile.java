package theo.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The generated token key of a local install: created once (readable by the owner only) and reused
 * on every later start, so tokens stored before a restart still decrypt.
 */
final class KeyFile {
  private KeyFile() {}

  /** The key spec stored in {@code file}, creating the file with a fresh key when absent. */
  static String loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException raced) {
        return read(file);
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      String spec = TokenCipher.Key.generate("local-1").toSpec();
      Files.writeString(file, spec + "\n", StandardCharsets.UTF_8);
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the token key file " + file, e);
    }
  }

  private static String read(Path file) throws IOException {
    String spec = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (spec.isEmpty()) {
      throw new IllegalStateException("The token key file " + file + " is empty");
    }
    return spec;
  }
}

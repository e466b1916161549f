package theo.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Theo's local state directory ({@code theo.data-dir}); it exists once this bean does. */
public record DataDirectory(Path path) {

  public DataDirectory {
    path = path.toAbsolutePath().normalize();
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + path, e);
    }
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }
}

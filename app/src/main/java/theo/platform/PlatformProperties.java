package theo.platform;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Theo keeps local state ({@code theo.data-dir}) and how the embedded PostgreSQL runs.
 *
 * @param dataDir directory for the embedded database, generated keys and other local files
 * @param embeddedPostgres the embedded database used when {@code spring.datasource.url} is unset
 * @param instanceName this process's name among several on one database (its job scheduler's name,
 *     shown as {@code picked_by}); unset gives host, process id and a random suffix
 */
@ConfigurationProperties("theo")
public record PlatformProperties(
    @DefaultValue("./.theo") Path dataDir,
    @DefaultValue EmbeddedPostgres embeddedPostgres,
    @Nullable String instanceName) {

  /**
   * @param persistent keep data under {@code <data-dir>/postgres} across restarts; {@code false}
   *     gives a throwaway database deleted on shutdown
   * @param port fixed port, or 0 for a free one
   * @param maxWalSize PostgreSQL's {@code max_wal_size}: how much write-ahead log may build up
   *     before a checkpoint is forced. A Gmail full sync writes about 30 KB of it per message; at
   *     PostgreSQL's 1 GB default a 50,000-message sync forced two checkpoints, after which every
   *     page touched is logged whole again.
   */
  public record EmbeddedPostgres(
      @DefaultValue("true") boolean persistent, int port, @DefaultValue("4GB") String maxWalSize) {}
}

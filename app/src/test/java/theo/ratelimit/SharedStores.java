package theo.ratelimit;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import redis.embedded.RedisServer;

/**
 * The stores two instances share, for tests: a throwaway embedded PostgreSQL migrated by Flyway,
 * and a real Redis server (the binary embedded-redis ships in its jar) on a free port. Each
 * "instance" gets its own connection pool or Redis client; {@link #close()} stops everything.
 */
final class SharedStores implements AutoCloseable {
  private final List<AutoCloseable> opened = new ArrayList<>();
  private EmbeddedPostgres postgres;
  private RedisServer redis;
  private int redisPort;

  /** A new connection pool on the one database, as a second instance would have. */
  DataSource postgresInstance(String name) {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      opened.add(postgres);
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .locations("classpath:db/migration")
          .load()
          .migrate();
    }
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    pool.setUsername("postgres");
    pool.setPoolName(name);
    pool.setMaximumPoolSize(10);
    opened.add(0, pool);
    return pool;
  }

  /** A new Lettuce connection to the one Redis server, as a second instance would have. */
  StatefulRedisConnection<String, byte[]> redisInstance() {
    RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redisPort()));
    opened.add(0, client::shutdown);
    StatefulRedisConnection<String, byte[]> connection =
        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    opened.add(0, connection);
    return connection;
  }

  /** The Redis server's port, started on first use. */
  int redisPort() {
    if (redis == null) {
      redisPort = freePort();
      try {
        redis =
            RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(redisPort)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        redis.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      opened.add(redis::stop);
    }
    return redisPort;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable resource : opened) {
      resource.close();
    }
    opened.clear();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

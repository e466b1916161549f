package theo.ratelimit;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Spring Boot's {@code spring.data.redis.*} properties, read only when the store is Redis (Boot's
 * own Redis auto-configuration is not on the class path, so nothing connects otherwise): {@code
 * url} wins over host, port, username, password and database.
 */
@ConfigurationProperties("spring.data.redis")
record RedisSettings(
    String url,
    String host,
    Integer port,
    String username,
    String password,
    Integer database,
    Duration timeout,
    Ssl ssl) {

  record Ssl(Boolean enabled) {}

  RedisURI uri() {
    RedisURI uri =
        url != null && !url.isBlank()
            ? RedisURI.create(url)
            : RedisURI.builder()
                .withHost(host == null || host.isBlank() ? "localhost" : host)
                .withPort(port == null ? RedisURI.DEFAULT_REDIS_PORT : port)
                .withDatabase(database == null ? 0 : database)
                .withSsl(ssl != null && Boolean.TRUE.equals(ssl.enabled()))
                .build();
    if ((url == null || url.isBlank()) && password != null && !password.isEmpty()) {
      if (username != null && !username.isBlank()) {
        uri.setUsername(username);
      }
      uri.setPassword(password.toCharArray());
    }
    if (timeout != null) {
      uri.setTimeout(timeout);
    }
    return uri;
  }
}

package theo.platform;

/**
 * Present when this process runs its own PostgreSQL (no {@code spring.datasource.url}): no other
 * instance shares the database, so whatever another process left running in it is orphaned.
 *
 * @param port the port the embedded PostgreSQL listens on
 */
public record EmbeddedDatabase(int port) {}

package theo.integration;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import theo.integration.spi.Integration;
import theo.platform.NotFoundException;

/** Every registered integration (each module's {@link Integration} bean), by id. */
@Component
public class Integrations {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{1,30}");

  private final List<Integration> all;
  private final Map<String, Integration> byId = new HashMap<>();

  Integrations(List<Integration> integrations) {
    for (Integration integration : integrations) {
      if (!ID.matcher(integration.id()).matches()) {
        throw new IllegalStateException("Bad integration id: " + integration.id());
      }
      if (byId.put(integration.id(), integration) != null) {
        throw new IllegalStateException("Two integrations with id " + integration.id());
      }
    }
    this.all =
        integrations.stream().sorted(Comparator.comparing(Integration::displayName)).toList();
  }

  public List<Integration> all() {
    return all;
  }

  public Optional<Integration> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The integration, or a 404 {@code UNKNOWN_INTEGRATION} error. */
  public Integration require(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "UNKNOWN_INTEGRATION", "There is no integration named " + id));
  }
}

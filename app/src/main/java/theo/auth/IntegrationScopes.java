package theo.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One integration's entry in the scope registry: the scopes it requests (all required for full
 * access) and named capabilities such as {@code canSend}, each granted by any one of its scopes.
 * Every integration has {@value #CAN_READ}: any one of its scopes lets it read.
 */
public record IntegrationScopes(
    String integration, Set<String> required, Map<String, Set<String>> capabilities) {
  /** The capability every integration has: reading what it syncs. */
  public static final String CAN_READ = "canRead";

  public IntegrationScopes {
    required = Set.copyOf(required);
    capabilities = Map.copyOf(capabilities);
    Set<String> read = capabilities.get(CAN_READ);
    if (read == null || read.isEmpty() || !required.containsAll(read)) {
      throw new IllegalArgumentException(
          integration + " needs a " + CAN_READ + " capability made of required scopes");
    }
  }

  /** The scopes any one of which lets it read: its {@value #CAN_READ} capability. */
  public Set<String> readAnyOf() {
    return Objects.requireNonNull(capabilities.get(CAN_READ));
  }

  /** Whether the grant lets this integration read (its {@code connected} part). */
  public boolean hasReadAccess(Collection<String> granted) {
    return readAnyOf().stream().anyMatch(granted::contains);
  }

  /** Required scopes missing from the grant, in the registry's order. */
  public Set<String> missing(Collection<String> granted) {
    return Scopes.missing(Scopes.ordered(required), granted);
  }

  /** Each capability and whether the grant has it, in the registry's order. */
  public Map<String, Boolean> capabilitiesOf(Collection<String> granted) {
    Map<String, Boolean> result = new LinkedHashMap<>();
    capabilities.keySet().stream()
        .sorted()
        .forEach(
            name ->
                result.put(
                    name,
                    capabilities.getOrDefault(name, Set.of()).stream()
                        .anyMatch(granted::contains)));
    return result;
  }
}

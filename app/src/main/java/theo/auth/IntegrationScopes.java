package theo.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One integration's entry in the scope registry: the scopes it requests (all required for full
 * access), the scopes any one of which lets it read, and named capabilities such as {@code
 * canSend}, each granted by any one of its scopes.
 */
public record IntegrationScopes(
    String integration,
    Set<String> required,
    Set<String> readAnyOf,
    Map<String, Set<String>> capabilities) {

  public IntegrationScopes {
    required = Set.copyOf(required);
    readAnyOf = Set.copyOf(readAnyOf);
    capabilities = Map.copyOf(capabilities);
    if (!required.containsAll(readAnyOf)) {
      throw new IllegalArgumentException("Read scopes of " + integration + " must be required");
    }
  }

  /** Whether the grant lets this integration read (its {@code connected} part). */
  public boolean hasReadAccess(Collection<String> granted) {
    return readAnyOf.stream().anyMatch(granted::contains);
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

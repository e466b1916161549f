package theo.emulator;

import java.time.Instant;
import java.util.Set;

/** What a valid access token stands for: whose account, which client, which scopes, until when. */
public record AccessGrant(Account account, String clientId, Set<String> scopes, Instant expiresAt) {
  public AccessGrant {
    scopes = Set.copyOf(scopes);
  }

  public boolean hasAnyScope(Set<String> wanted) {
    return wanted.stream().anyMatch(scopes::contains);
  }
}

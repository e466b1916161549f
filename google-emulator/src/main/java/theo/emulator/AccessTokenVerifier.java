package theo.emulator;

import java.util.Optional;

/** Resolves a bearer access token to its grant; empty for unknown, expired or revoked tokens. */
@FunctionalInterface
public interface AccessTokenVerifier {
  Optional<AccessGrant> verify(String accessToken);
}

package theo.emulator.push;

import java.util.Map;

/** Signs a JWT with the emulator's OIDC key (the one its JWKS publishes). */
@FunctionalInterface
public interface JwtSigner {
  String sign(Map<String, Object> claims);
}

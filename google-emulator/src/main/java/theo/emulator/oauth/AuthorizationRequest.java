package theo.emulator.oauth;

import java.util.List;
import java.util.Set;

/**
 * A validated {@code /o/oauth2/v2/auth} request, kept server-side while the person chooses an
 * account and consents, and carried by the code it ends in.
 */
record AuthorizationRequest(
    String clientId,
    String redirectUri,
    List<String> scopes,
    String state,
    String nonce,
    Set<String> prompt,
    boolean offline,
    boolean includeGrantedScopes,
    String loginHint,
    String codeChallenge,
    String codeChallengeMethod) {

  AuthorizationRequest {
    scopes = List.copyOf(scopes);
    prompt = Set.copyOf(prompt);
  }

  boolean promptsFor(String value) {
    return prompt.contains(value);
  }
}

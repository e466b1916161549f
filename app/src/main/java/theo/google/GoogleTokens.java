package theo.google;

import java.util.UUID;

/**
 * Where the Google module gets a person's access token; the auth module implements it. Both methods
 * throw {@link GoogleAuthException} when no usable grant is left.
 */
public interface GoogleTokens {
  /** An access token that is valid for a while yet (refreshed first when it is about to expire). */
  String accessToken(UUID userId);

  /**
   * Google refused {@code rejected} (a 401): a fresh token, refreshed at Google at most once
   * however many calls saw the same refusal at the same moment; a refresh answering {@code
   * invalid_grant} makes the account reconnect-required.
   */
  String refreshRejected(UUID userId, String rejected);
}

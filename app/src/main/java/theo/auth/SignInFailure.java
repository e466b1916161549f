package theo.auth;

import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * Why a sign-in or connect round trip with Google failed, as a small fixed set: the reason in the
 * {@code error} parameter the page turns into words, the tag of the {@code theo.sign-in.failures}
 * metric, and the audit entry's words. Provider error codes and payloads stay out of all three.
 */
enum SignInFailure {
  ACCESS_DENIED("access_denied", "The person cancelled at Google or did not allow access."),
  INVALID_STATE(
      "invalid_state",
      "The answer from Google did not match a sign-in started here (expired, replayed or forged)."),
  ID_TOKEN_REJECTED(
      "id_token_rejected", "Google's identity token failed Theo's checks, so it was refused."),
  TOKEN_EXCHANGE_FAILED(
      "token_exchange_failed", "Google did not hand over the tokens after the person agreed."),
  ACCOUNT_MISMATCH(
      "account_mismatch",
      "A different Google account was chosen than the one signed in to Theo; nothing changed."),
  READ_SCOPE_NOT_GRANTED(
      "read_scope_not_granted",
      "The permission to read was not granted, so nothing was connected."),
  GOOGLE_ERROR("google_error", "Google answered with an error; nothing changed.");

  private static final Set<String> STATE_ERRORS =
      Set.of("authorization_request_not_found", "invalid_state_parameter", "invalid_request");
  private static final Set<String> ID_TOKEN_ERRORS =
      Set.of(
          "invalid_id_token", "invalid_nonce", "missing_signature_verifier", "invalid_user_info");

  private final String reason;
  private final String words;

  SignInFailure(String reason, String words) {
    this.reason = reason;
    this.words = words;
  }

  /** The stable, low-cardinality reason ({@code access_denied}, {@code invalid_state}, ...). */
  String reason() {
    return reason;
  }

  /** What happened, in a sentence for the audit log. */
  String words() {
    return words;
  }

  static SignInFailure of(AuthenticationException exception) {
    String code = errorCode(exception);
    if (code.equals("access_denied")) {
      return ACCESS_DENIED;
    }
    if (code.equals("account_mismatch")) {
      return ACCOUNT_MISMATCH;
    }
    if (STATE_ERRORS.contains(code)) {
      return INVALID_STATE;
    }
    if (ID_TOKEN_ERRORS.contains(code)) {
      return ID_TOKEN_REJECTED;
    }
    if (code.equals("invalid_token_response") || code.equals("invalid_grant")) {
      return TOKEN_EXCHANGE_FAILED;
    }
    return GOOGLE_ERROR;
  }

  /**
   * The provider's or Spring Security's error code, trimmed to a safe token for the log: it can
   * come from the callback's query string, so it is never trusted as it is.
   */
  static String errorCode(AuthenticationException exception) {
    if (!(exception instanceof OAuth2AuthenticationException oauth)
        || oauth.getError().getErrorCode() == null) {
      return "authentication_failed";
    }
    String code =
        oauth.getError().getErrorCode().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return code.length() > 40 ? code.substring(0, 40) : code;
  }
}

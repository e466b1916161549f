package theo.emulator.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google's error shapes: the JSON API error ({@code {"error":{"code","message","errors":[...],
 * "status"}}}) and the OAuth 2.0 error ({@code {"error","error_description"}}).
 */
public final class GoogleErrors {
  private GoogleErrors() {}

  /** Google's JSON API error body, e.g. {@code api(404, "notFound", "Requested entity..."}. */
  public static Response api(int code, String reason, String message) {
    return api(code, reason, message, "global");
  }

  public static Response api(int code, String reason, String message, String domain) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("message", message);
    detail.put("domain", domain);
    detail.put("reason", reason);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("errors", List.of(detail));
    error.put("status", statusName(code));
    return Response.json(code, Map.of("error", error));
  }

  public static ApiException apiException(int code, String reason, String message) {
    return new ApiException(api(code, reason, message));
  }

  /** RFC 6749 error body, as Google's token and revoke endpoints answer. */
  public static Response oauth(int status, String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return Response.json(status, body);
  }

  public static ApiException oauthException(int status, String error, String description) {
    return new ApiException(oauth(status, error, description));
  }

  static String statusName(int code) {
    return switch (code) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ALREADY_EXISTS";
      case 410 -> "ABORTED";
      case 412 -> "FAILED_PRECONDITION";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      default -> code >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
    };
  }
}

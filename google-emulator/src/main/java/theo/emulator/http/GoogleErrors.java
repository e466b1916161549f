package theo.emulator.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.annotations.SerializedName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Google's error shapes: the JSON API error ({@code {"error":{"code","message","errors":[...],
 * "status","details":[...]}}}) and the OAuth 2.0 error ({@code {"error","error_description"}}).
 */
public final class GoogleErrors {
  /** The {@code @type} of the {@code google.rpc.ErrorInfo} entries of {@code details}. */
  public static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

  /** The ErrorInfo domain of the reasons all Google APIs share (auth, quota). */
  public static final String GOOGLEAPIS = "googleapis.com";

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private GoogleErrors() {}

  /** Google's JSON API error body, e.g. {@code api(404, "notFound", "Requested entity..."}. */
  public static Response api(int code, String reason, String message) {
    return ApiError.of(code, reason, message).response();
  }

  public static Response api(int code, String reason, String message, String domain) {
    return ApiError.of(code, reason, message).domain(domain).response();
  }

  public static ApiException apiException(int code, String reason, String message) {
    return new ApiException(api(code, reason, message));
  }

  /** RFC 6749 error body, as Google's token and revoke endpoints answer. */
  public static Response oauth(int status, String error, String description) {
    return json(status, new OAuthError(error, description));
  }

  public static ApiException oauthException(int status, String error, String description) {
    return new ApiException(oauth(status, error, description));
  }

  /** The canonical {@code google.rpc.Code} name Google sends as {@code status} for an HTTP code. */
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
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      default -> code >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
    };
  }

  private static Response json(int status, Object body) {
    return Response.bytes(
        status, Response.JSON, GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One JSON API error: the HTTP code, its legacy {@code errors[]} entry (reason, domain, and for a
   * header or parameter at fault its {@code location}), the {@code status} name and the structured
   * {@code details} newer clients read (a {@code google.rpc.ErrorInfo}).
   */
  public record ApiError(
      int code,
      String message,
      String entryMessage,
      String reason,
      String domain,
      String status,
      String location,
      String locationType,
      ErrorInfo info) {

    public static ApiError of(int code, String reason, String message) {
      return new ApiError(
          code, message, message, reason, "global", statusName(code), null, null, null);
    }

    /** The legacy entry's own wording where Google's differs (e.g. "Invalid Credentials"). */
    public ApiError entryMessage(String value) {
      return new ApiError(
          code, message, value, reason, domain, status, location, locationType, info);
    }

    public ApiError domain(String value) {
      return new ApiError(
          code, message, entryMessage, reason, value, status, location, locationType, info);
    }

    /** Overrides the status name, e.g. {@code FAILED_PRECONDITION} on a 400. */
    public ApiError status(String value) {
      return new ApiError(
          code, message, entryMessage, reason, domain, value, location, locationType, info);
    }

    /** The request part at fault, e.g. {@code ("Authorization", "header")}. */
    public ApiError location(String where, String type) {
      return new ApiError(code, message, entryMessage, reason, domain, status, where, type, info);
    }

    /**
     * Adds an ErrorInfo detail: a reason in a domain ({@code googleapis.com} for reasons every
     * Google API shares, such as {@code ACCESS_TOKEN_EXPIRED}; the service's name for its own, such
     * as People's {@code EXPIRED_SYNC_TOKEN}), naming the service in its metadata.
     */
    public ApiError info(String infoReason, String infoDomain, String service) {
      ErrorInfo detail =
          new ErrorInfo(ERROR_INFO, infoReason, infoDomain, Map.of("service", service));
      return new ApiError(
          code, message, entryMessage, reason, domain, status, location, locationType, detail);
    }

    public Response response() {
      List<ErrorInfo> details = new ArrayList<>();
      if (info != null) {
        details.add(info);
      }
      Entry entry = new Entry(entryMessage, domain, reason, location, locationType);
      return json(
          code,
          new Body(
              new Error(
                  code, message, List.of(entry), status, details.isEmpty() ? null : details)));
    }

    public ApiException exception() {
      return new ApiException(response());
    }
  }

  /** {@code google.rpc.ErrorInfo}: a machine-readable reason in a domain, with metadata. */
  public record ErrorInfo(
      @SerializedName("@type") String type,
      String reason,
      String domain,
      Map<String, String> metadata) {}

  private record Body(Error error) {}

  private record Error(
      int code, String message, List<Entry> errors, String status, List<ErrorInfo> details) {}

  private record Entry(
      String message, String domain, String reason, String location, String locationType) {}

  private record OAuthError(
      String error, @SerializedName("error_description") String errorDescription) {}
}

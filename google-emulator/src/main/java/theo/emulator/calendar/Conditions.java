package theo.emulator.calendar;

import java.util.Optional;
import java.util.function.Supplier;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;

/**
 * HTTP conditional requests on Calendar resources, as Google answers them: every read carries the
 * resource's {@code ETag}, a current {@code If-None-Match} answers 304 without a body, and a write
 * whose {@code If-Match} names another version answers 412.
 */
final class Conditions {
  private Conditions() {}

  /** The answer of a read, or 304 when the client already holds this version. */
  static Response get(Request request, String etag, Supplier<Response> answer) {
    Optional<String> ifNoneMatch = request.header("If-None-Match");
    if (ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), etag)) {
      return Response.empty(304).withHeader("ETag", etag);
    }
    return answer.get().withHeader("ETag", etag);
  }

  /**
   * Throws Google's 412 unless {@code ifMatch} names the current version (a missing one is 404).
   */
  static void requireMatch(String ifMatch, Optional<String> currentEtag) {
    if (currentEtag.isPresent() && !matches(ifMatch, currentEtag.get())) {
      throw GoogleErrors.apiException(412, "conditionNotMet", "Precondition Failed");
    }
  }

  /** A header's list of etags (or {@code *}) against one etag; weak validators compare too. */
  private static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}

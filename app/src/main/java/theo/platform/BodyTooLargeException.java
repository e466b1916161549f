package theo.platform;

import java.io.IOException;

/**
 * A request body grew past its limit while it was read (a body sent without a length); the error
 * advice answers 413 when it finds this among a failure's causes.
 */
public final class BodyTooLargeException extends IOException {
  BodyTooLargeException(long limit) {
    super("The request body is larger than " + limit + " bytes");
  }
}

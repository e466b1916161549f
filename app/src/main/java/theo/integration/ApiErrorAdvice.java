package theo.integration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import theo.google.GoogleAuthException;
import theo.google.GoogleException;
import theo.google.GoogleInvalidRequestException;
import theo.google.GoogleNotFoundException;
import theo.google.GoogleQuotaException;
import theo.platform.ApiError;
import theo.platform.BodyTooLargeException;
import theo.platform.ConflictException;
import theo.platform.InsufficientScopeException;
import theo.platform.InvalidInputException;
import theo.platform.NotConnectedException;
import theo.platform.NotFoundException;
import theo.platform.RateLimitExceededException;
import theo.platform.RefusedException;
import theo.platform.UnauthenticatedException;
import theo.platform.UpstreamFailedException;
import theo.platform.UpstreamRateLimitedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that decides how a failure is answered: the HTTP status of every {@link
 * RefusedException} kind, and of Spring's own refusals. Under {@code /api/} the answer is {@code
 * {"error":{"code","message"}}} JSON; pages get the error page in the app's layout.
 */
@RestControllerAdvice
class ApiErrorAdvice {
  private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The status of each kind of refusal. {@code NOT_CONNECTED} is a conflict with the integration's
   * state (409) everywhere, not a permission problem.
   */
  static HttpStatus statusOf(RefusedException e) {
    if (e instanceof InvalidInputException) {
      return HttpStatus.BAD_REQUEST;
    } else if (e instanceof NotFoundException) {
      return HttpStatus.NOT_FOUND;
    } else if (e instanceof NotConnectedException || e instanceof ConflictException) {
      return HttpStatus.CONFLICT;
    } else if (e instanceof InsufficientScopeException) {
      return HttpStatus.FORBIDDEN;
    } else if (e instanceof UpstreamRateLimitedException
        || e instanceof RateLimitExceededException) {
      return HttpStatus.TOO_MANY_REQUESTS;
    } else if (e instanceof UpstreamFailedException) {
      return HttpStatus.BAD_GATEWAY;
    } else if (e instanceof UnauthenticatedException) {
      return HttpStatus.UNAUTHORIZED;
    }
    throw new IllegalStateException("No status for " + e.getClass().getName());
  }

  @ExceptionHandler(RefusedException.class)
  void refused(RefusedException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    respond(request, response, statusOf(e), ApiError.of(e.code(), messageOf(e, e.code())));
  }

  /**
   * One of Theo's own rate limits: 429 with {@code Retry-After} in whole seconds, and the wait and
   * the window's reset in the body.
   */
  @ExceptionHandler(RateLimitExceededException.class)
  void rateLimited(
      RateLimitExceededException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long seconds = (e.retryAfter().toMillis() + 999) / 1000;
    response.setHeader("Retry-After", Long.toString(seconds));
    respond(request, response, statusOf(e), ApiError.RateLimited.of(e));
  }

  /** Unreadable bodies: a refusal raised while reading keeps its meaning, the rest is a 400. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  void unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RefusedException refused) {
        refused(refused, request, response);
        return;
      }
      if (cause instanceof BodyTooLargeException) {
        respond(request, response, HttpStatus.CONTENT_TOO_LARGE, ApiError.forStatus(413));
        return;
      }
    }
    respond(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        ApiError.of("BAD_REQUEST", "The request body is not JSON this endpoint accepts"));
  }

  /**
   * Parameters the firewall refuses (it checks names and values when they are first read) or that
   * Tomcat cannot decode are malformed requests, not failures.
   */
  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    ServletRequestBindingException.class,
    RequestRejectedException.class,
    InvalidParameterException.class
  })
  void malformed(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    respond(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        ApiError.of("BAD_REQUEST", "The request is malformed"));
  }

  /**
   * Google's failures, classified by the Google module: the person's grant ({@code
   * RECONNECT_REQUIRED} and the like) is theirs to fix (409, or 403 for a missing scope), quota is
   * a 429 with Google's wait, a missing item a 404, a refused request a 400 (409 for a conflict),
   * anything else Google's fault (502). The messages are the module's plain words.
   */
  @ExceptionHandler(GoogleException.class)
  void google(GoogleException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpStatus status;
    if (e instanceof GoogleAuthException) {
      status =
          GoogleAuthException.INSUFFICIENT_SCOPE.equals(e.code())
              ? HttpStatus.FORBIDDEN
              : HttpStatus.CONFLICT;
    } else if (e instanceof GoogleQuotaException) {
      status = HttpStatus.TOO_MANY_REQUESTS;
      if (!e.retryAfter().isZero()) {
        response.setHeader("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
      }
    } else if (e instanceof GoogleNotFoundException) {
      status = HttpStatus.NOT_FOUND;
    } else if (e instanceof GoogleInvalidRequestException invalid) {
      status = invalid.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    } else {
      status = HttpStatus.BAD_GATEWAY; // transient (after retries) or permanent
    }
    respond(request, response, status, ApiError.of(e.code(), messageOf(e, e.code())));
  }

  @ExceptionHandler({
    BindException.class,
    ConstraintViolationException.class,
    HandlerMethodValidationException.class
  })
  void invalid(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String message = "The request is invalid";
    if (e instanceof BindException bind && bind.getFieldError() != null) {
      FieldError field = bind.getFieldError();
      message = field.getField() + " " + field.getDefaultMessage();
    }
    respond(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        ApiError.of(InvalidInputException.VALIDATION_FAILED, message));
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
    respond(request, response, HttpStatus.NOT_FOUND, ApiError.forStatus(404));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  void methodNotAllowed(
      HttpRequestMethodNotSupportedException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    if (e.getSupportedHttpMethods() != null) {
      response.setHeader(
          "Allow",
          String.join(", ", e.getSupportedHttpMethods().stream().map(Object::toString).toList()));
    }
    respond(
        request,
        response,
        HttpStatus.METHOD_NOT_ALLOWED,
        ApiError.of("METHOD_NOT_ALLOWED", "Method " + e.getMethod() + " is not allowed here"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  void unsupportedMediaType(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    respond(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.forStatus(415));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  void notAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
    respond(request, response, HttpStatus.NOT_ACCEPTABLE, ApiError.forStatus(406));
  }

  /** Spring's other refusals carry their own 4xx status. */
  @ExceptionHandler(ErrorResponseException.class)
  void framework(ErrorResponseException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = e.getStatusCode().value();
    if (status >= 500) {
      unexpected(e, request, response);
      return;
    }
    respond(request, response, HttpStatus.valueOf(status), ApiError.forStatus(status));
  }

  @ExceptionHandler(Exception.class)
  void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
    respond(request, response, HttpStatus.INTERNAL_SERVER_ERROR, ApiError.forStatus(500));
  }

  /**
   * Writes the JSON itself rather than through content negotiation, so an odd {@code Accept} header
   * cannot turn an error into a different one.
   */
  private static void respond(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, Object body)
      throws IOException {
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      response.sendError(status.value());
      return;
    }
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }

  /** A refusal's message, which its constructor always sets. */
  private static String messageOf(RuntimeException e, String fallback) {
    return Objects.requireNonNullElse(e.getMessage(), fallback);
  }
}

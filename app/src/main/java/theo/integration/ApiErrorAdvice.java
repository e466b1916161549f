package theo.integration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import theo.google.GoogleAuthException;
import theo.google.GoogleException;
import theo.google.GoogleInvalidRequestException;
import theo.google.GoogleNotFoundException;
import theo.google.GoogleQuotaException;
import theo.platform.ApiError;

/**
 * Turns failures into {@code {"error":{"code","message"}}} JSON with a 4xx status for bad input, so
 * no malformed request ever surfaces as a 500. Outside {@code /api/} the usual error page answers
 * instead.
 */
@RestControllerAdvice
class ApiErrorAdvice {
  private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

  @ExceptionHandler(IntegrationException.class)
  @Nullable ResponseEntity<ApiError> integration(
      IntegrationException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return respond(request, response, e.status(), e.code(), e.getMessage());
  }

  /**
   * Google's failures, classified by the Google module: the person's grant ({@code
   * RECONNECT_REQUIRED} and the like) is theirs to fix (409, or 403 for a missing scope), quota is
   * a 429 with Google's wait, a missing item a 404, a refused request a 400 (409 for a conflict),
   * anything else Google's fault (502). The messages are the module's plain words.
   */
  @ExceptionHandler(GoogleException.class)
  @Nullable ResponseEntity<ApiError> google(
      GoogleException e, HttpServletRequest request, HttpServletResponse response)
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
    return respond(request, response, status, e.code(), e.getMessage());
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  @Nullable ResponseEntity<ApiError> malformed(
      Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(
        request, response, HttpStatus.BAD_REQUEST, "BAD_REQUEST", "The request is malformed");
  }

  @ExceptionHandler({BindException.class, ConstraintViolationException.class})
  @Nullable ResponseEntity<ApiError> invalid(
      Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(
        request, response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is invalid");
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  @Nullable ResponseEntity<ApiError> notFound(
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(request, response, HttpStatus.NOT_FOUND, "NOT_FOUND", "No such endpoint");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  @Nullable ResponseEntity<ApiError> methodNotAllowed(
      HttpRequestMethodNotSupportedException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    if (e.getSupportedHttpMethods() != null) {
      response.setHeader(
          "Allow",
          String.join(", ", e.getSupportedHttpMethods().stream().map(Object::toString).toList()));
    }
    return respond(
        request,
        response,
        HttpStatus.METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        "Method " + e.getMethod() + " is not allowed here");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  @Nullable ResponseEntity<ApiError> unsupportedMediaType(
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(
        request,
        response,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "UNSUPPORTED_MEDIA_TYPE",
        "Send application/json");
  }

  @ExceptionHandler(Exception.class)
  @Nullable ResponseEntity<ApiError> unexpected(
      Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return respond(
        request,
        response,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "INTERNAL_ERROR",
        "Something went wrong on our side");
  }

  private static @Nullable ResponseEntity<ApiError> respond(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      String message)
      throws IOException {
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      // Pages get Boot's error page; a null entity tells MVC the response is handled.
      response.sendError(status.value());
      return null;
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ApiError.of(code, message));
  }
}

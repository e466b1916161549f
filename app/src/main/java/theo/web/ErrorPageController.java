package theo.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import theo.platform.ApiError;

/**
 * {@code /error}, where the container sends what failed outside a controller (the firewall, the
 * body limit, an error page request): {@code {"error":...}} JSON for API paths, otherwise a page in
 * the app's layout. It replaces Spring Boot's whitelabel page.
 */
@Controller
class ErrorPageController implements ErrorController {
  @RequestMapping(path = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ApiError> json(HttpServletRequest request) {
    int status = status(request);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ApiError.forStatus(status));
  }

  @RequestMapping("/error")
  Object page(HttpServletRequest request) {
    int status = status(request);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
      return json(request);
    }
    return Layout.page("error", HttpStatus.valueOf(status)).addObject("status", status);
  }

  private static int status(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    return status instanceof Integer code && code >= 400 && code < 600 ? code : 500;
  }
}

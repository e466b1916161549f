package theo.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the security firewall refuses ({@code %2F}, {@code %25}, NUL in a parameter)
 * with 400 written here: an error page dispatch would read the same parameters and be refused
 * again, leaving an empty answer.
 */
final class FirewallRejections implements RequestRejectedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    boolean api = ErrorBodies.isApi(request.getRequestURI());
    response.setContentType(api ? "application/json" : "text/html;charset=utf-8");
    response
        .getOutputStream()
        .write(
            api
                ? ErrorBodies.json(HttpServletResponse.SC_BAD_REQUEST)
                : ErrorBodies.page(HttpServletResponse.SC_BAD_REQUEST));
    response.flushBuffer();
  }
}

package theo.platform;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own answer to what never reached Theo (a request line or headers over the limit, a
 * malformed request): {@code {"error":{...}}} JSON under {@code /api/} and a plain page in the
 * app's look elsewhere, instead of Tomcat's HTML with its version.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    boolean api = ErrorBodies.isApi(request.getRequestURI());
    try {
      response.setContentType(api ? "application/json" : "text/html;charset=utf-8");
      response.getOutputStream().write(api ? ErrorBodies.json(status) : ErrorBodies.page(status));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response already committed; nothing more to say.
    }
  }
}

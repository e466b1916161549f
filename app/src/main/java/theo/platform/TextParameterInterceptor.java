package theo.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses query parameters and path variables holding control characters before a handler sees them
 * ({@code %00} in a Gmail query once reached PostgreSQL); none of them is free text.
 */
final class TextParameterInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              requireOneLine(name, "parameter name");
              for (String value : values) {
                if (value != null) {
                  requireOneLine(value, name);
                }
              }
            });
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map) {
      map.forEach((name, value) -> requireOneLine(String.valueOf(value), String.valueOf(name)));
    }
    return true;
  }

  private static void requireOneLine(String value, String field) {
    if (!TextRules.isOneLine(value)) {
      throw new InvalidInputException(
          TextRules.isOneLine(field)
              ? field + " must not contain control characters"
              : "Parameters must not contain control characters");
    }
  }
}

package theo.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every string in a JSON request body must be {@linkplain TextRules#isFreeText free text}, checked
 * once here for every endpoint; one-line fields are checked further where they are read.
 */
@ControllerAdvice
class FreeTextBodyAdvice extends RequestBodyAdviceAdapter {
  private static final int MAX_DEPTH = 32;

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage inputMessage,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    check(body, 0);
    return body;
  }

  private static void check(Object value, int depth) {
    if (value == null || depth > MAX_DEPTH) {
      return;
    }
    if (value instanceof String text) {
      if (!TextRules.isFreeText(text)) {
        throw new InvalidInputException("Text must not contain control characters");
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, item) -> {
            check(key, depth + 1);
            check(item, depth + 1);
          });
    } else if (value instanceof Collection<?> items) {
      items.forEach(item -> check(item, depth + 1));
    } else if (value.getClass().isRecord()) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        check(read(component, value), depth + 1);
      }
    }
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      component.getAccessor().setAccessible(true);
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + component.getName(), e);
    }
  }
}

package theo.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.stereotype.Component;

/**
 * The {@code js.*} and {@code scope.*} messages, handed to the pages' scripts so every visible word
 * stays in messages.properties.
 */
@Component
class ScriptText {
  private final MessageSource messages;
  private final Iterable<String> keys;

  ScriptText(MessageSource messages) {
    this.messages = messages;
    try {
      Properties all = PropertiesLoaderUtils.loadAllProperties("messages.properties");
      this.keys =
          all.stringPropertyNames().stream()
              .filter(key -> key.startsWith("js.") || key.startsWith("scope."))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> forCurrentLocale() {
    Map<String, String> text = new TreeMap<>();
    for (String key : keys) {
      // Raw patterns: the scripts fill {0} themselves.
      text.put(key, messages.getMessage(key, null, LocaleContextHolder.getLocale()));
    }
    return text;
  }
}

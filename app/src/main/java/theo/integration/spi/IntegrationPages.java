package theo.integration.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an integration adds to the web pages: its pages of synced data, served at {@code
 * /settings/integrations/{id}/{path}} (and {@code .../{path}/{item}} for a page per item), and a
 * section of its settings page. The shared page controller renders them; it names no integration.
 *
 * @param pages its browse pages, in link order
 * @param settingsSection the Thymeleaf template holding a {@code section} fragment for its settings
 *     page (e.g. what to sync), or null for none
 */
public record IntegrationPages(List<Page> pages, @Nullable String settingsSection) {

  public IntegrationPages {
    pages = List.copyOf(pages);
  }

  public static IntegrationPages none() {
    return new IntegrationPages(List.of(), null);
  }

  /**
   * One page.
   *
   * @param path its path segment under the integration's page
   * @param template the Thymeleaf template holding the page's {@code <title>} and {@code <main>},
   *     which the shared layout shows; the model holds {@code integration} and, on a page per item,
   *     {@code item} (the last path segment)
   * @param label the message key of its link on the settings page, or null for an unlinked page
   * @param perItem whether it is served at {@code .../{path}/{item}} instead of {@code .../{path}}
   */
  public record Page(String path, String template, @Nullable String label, boolean perItem) {

    /** A page listing synced data, linked from the settings page. */
    public static Page browse(String path, String template, String label) {
      return new Page(path, template, label, false);
    }

    /** A page showing one item (a conversation...), reached from a browse page. */
    public static Page item(String path, String template) {
      return new Page(path, template, null, true);
    }
  }
}

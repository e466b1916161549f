package theo.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import theo.integration.Integrations;
import theo.integration.spi.Integration;
import theo.integration.spi.IntegrationPages;
import tools.jackson.databind.json.JsonMapper;

/** The landing page (sign-in), the integrations hub, one page per integration, the audit log. */
@Controller
record PageController(Integrations integrations, JsonMapper json) {
  @GetMapping("/")
  ModelAndView landing() {
    return Layout.page("landing");
  }

  @GetMapping("/settings/integrations")
  ModelAndView hub() {
    return Layout.page("settings/integrations")
        .addObject("integrations", integrations.all().stream().map(Card::of).toList());
  }

  @GetMapping("/settings/integrations/{id}")
  ModelAndView integration(@PathVariable String id) {
    return integrations
        .find(id)
        .map(
            integration ->
                Layout.page("settings/integration").addObject("integration", Card.of(integration)))
        .orElseGet(() -> notFound(id));
  }

  /** A page an integration contributes ({@link IntegrationPages}): its mail, events, files... */
  @GetMapping("/settings/integrations/{id}/{page}")
  ModelAndView page(@PathVariable String id, @PathVariable String page) {
    return contributed(id, page, null);
  }

  /** A contributed page per item, e.g. one conversation. */
  @GetMapping("/settings/integrations/{id}/{page}/{item}")
  ModelAndView itemPage(
      @PathVariable String id, @PathVariable String page, @PathVariable String item) {
    return contributed(id, page, item);
  }

  private ModelAndView contributed(String id, String path, @Nullable String item) {
    return integrations
        .find(id)
        .flatMap(
            integration ->
                integration.pages().pages().stream()
                    .filter(page -> page.path().equals(path) && page.perItem() == (item != null))
                    .findFirst()
                    .map(page -> view(integration, page, item)))
        .orElseGet(() -> notFound(id + "/" + path));
  }

  private static ModelAndView view(
      Integration integration, IntegrationPages.Page page, @Nullable String item) {
    ModelAndView view = Layout.page(page.template());
    view.addObject("integration", Card.of(integration));
    if (item != null) {
      view.addObject("item", item);
    }
    return view;
  }

  @GetMapping("/settings/audit")
  ModelAndView audit() {
    Map<String, String> names = new LinkedHashMap<>();
    integrations
        .all()
        .forEach(integration -> names.put(integration.id(), integration.displayName()));
    return Layout.page("settings/audit")
        .addObject("integrationNames", json.writeValueAsString(names));
  }

  private static ModelAndView notFound(String id) {
    return Layout.page("settings/not-found", HttpStatus.NOT_FOUND).addObject("missing", id);
  }

  /**
   * What a page needs to know about an integration; {@code scopes} pairs each required scope URL
   * with its short name (the part after {@code /auth/}), the key of its plain-words label; {@code
   * links} are its browse pages, {@code settingsSection} its settings page's own section.
   */
  record Card(
      String id,
      String displayName,
      List<Scope> scopes,
      List<Link> links,
      @Nullable String settingsSection) {
    static Card of(Integration integration) {
      IntegrationPages pages = integration.pages();
      return new Card(
          integration.id(),
          integration.displayName(),
          integration.scopes().required().stream().map(Scope::of).toList(),
          pages.pages().stream()
              .filter(page -> page.label() != null)
              .map(page -> Link.of(integration, page))
              .toList(),
          pages.settingsSection());
    }
  }

  /** A link to a page listing an integration's synced data, and the message key of its words. */
  record Link(String path, String label) {
    static Link of(Integration integration, IntegrationPages.Page page) {
      return new Link(
          "/settings/integrations/" + integration.id() + "/" + page.path(),
          Objects.requireNonNull(page.label()));
    }
  }

  record Scope(String url, String shortName) {
    static Scope of(String url) {
      int auth = url.lastIndexOf("/auth/");
      return new Scope(url, auth < 0 ? url : url.substring(auth + "/auth/".length()));
    }
  }
}

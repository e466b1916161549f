package theo.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import theo.integration.Integrations;
import theo.integration.spi.Integration;
import tools.jackson.databind.json.JsonMapper;

/** The landing page (sign-in), the integrations hub, one page per integration, the audit log. */
@Controller
class PageController {
  private final Integrations integrations;
  private final JsonMapper json;

  PageController(Integrations integrations, JsonMapper json) {
    this.integrations = integrations;
    this.json = json;
  }

  @GetMapping("/")
  String landing() {
    return "landing";
  }

  @GetMapping("/settings/integrations")
  String integrations(Model model) {
    model.addAttribute("integrations", integrations.all().stream().map(Card::of).toList());
    return "settings/integrations";
  }

  @GetMapping("/settings/integrations/{id}")
  ModelAndView integration(@PathVariable String id) {
    return integrations
        .find(id)
        .map(
            integration ->
                new ModelAndView(
                    "settings/integration", Map.of("integration", Card.of(integration))))
        .orElseGet(() -> notFound(id));
  }

  @GetMapping("/settings/integrations/gmail/mail")
  ModelAndView mail() {
    return browse("gmail", "settings/mail", Map.of());
  }

  @GetMapping("/settings/integrations/gmail/threads/{threadId}")
  ModelAndView thread(@PathVariable String threadId) {
    return browse("gmail", "settings/thread", Map.of("threadId", threadId));
  }

  @GetMapping("/settings/integrations/calendar/events")
  ModelAndView events() {
    return browse("calendar", "settings/events", Map.of());
  }

  private ModelAndView browse(String id, String view, Map<String, Object> extra) {
    return integrations
        .find(id)
        .map(
            integration -> {
              ModelAndView page = new ModelAndView(view, extra);
              page.addObject("integration", Card.of(integration));
              return page;
            })
        .orElseGet(() -> notFound(id));
  }

  @GetMapping("/settings/audit")
  String audit(Model model) {
    Map<String, String> names = new LinkedHashMap<>();
    integrations
        .all()
        .forEach(integration -> names.put(integration.id(), integration.displayName()));
    model.addAttribute("integrationNames", json.writeValueAsString(names));
    return "settings/audit";
  }

  private static ModelAndView notFound(String id) {
    return new ModelAndView("settings/not-found", Map.of("missing", id), HttpStatus.NOT_FOUND);
  }

  /**
   * What a page needs to know about an integration; {@code scopes} pairs each required scope URL
   * with its short name (the part after {@code /auth/}), the key of its plain-words label.
   */
  record Card(String id, String displayName, List<Scope> scopes, @Nullable Browse browse) {
    static Card of(Integration integration) {
      return new Card(
          integration.id(),
          integration.displayName(),
          integration.scopes().required().stream().map(Scope::of).toList(),
          BROWSE.get(integration.id()));
    }
  }

  /** A page listing an integration's synced data, and the message key of the link to it. */
  record Browse(String path, String label) {}

  private static final Map<String, Browse> BROWSE =
      Map.of(
          "gmail",
          new Browse("/settings/integrations/gmail/mail", "settings.integration.browseMail"),
          "calendar",
          new Browse(
              "/settings/integrations/calendar/events", "settings.integration.browseEvents"));

  record Scope(String url, String shortName) {
    static Scope of(String url) {
      int auth = url.lastIndexOf("/auth/");
      return new Scope(url, auth < 0 ? url : url.substring(auth + "/auth/".length()));
    }
  }
}

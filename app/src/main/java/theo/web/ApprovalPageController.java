package theo.web;

import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import theo.auth.SignedInUser;

/**
 * The approvals page of an integration: its pending actions with approve and reject. The panel is a
 * fragment ({@code fragments/approvals :: panel}) the integration pages can include as well.
 */
@Controller
class ApprovalPageController {
  private static final Set<String> INTEGRATIONS = Set.of("gmail", "calendar");

  @GetMapping("/settings/integrations/{integration}/approvals")
  String approvals(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user, Model model) {
    if (!INTEGRATIONS.contains(integration)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute("user", user);
    model.addAttribute("integration", integration);
    return "settings/approvals";
  }
}

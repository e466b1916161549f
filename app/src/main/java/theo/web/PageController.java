package theo.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import theo.auth.SignedInUser;

/** The landing page (sign-in) and the integrations settings page. */
@Controller
class PageController {

  @GetMapping("/")
  String landing(@AuthenticationPrincipal @Nullable SignedInUser user, Model model) {
    model.addAttribute("user", user);
    return "landing";
  }

  @GetMapping("/settings/integrations")
  String integrations(@AuthenticationPrincipal SignedInUser user, Model model) {
    model.addAttribute("user", user);
    return "settings/integrations";
  }
}

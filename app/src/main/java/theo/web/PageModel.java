package theo.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import theo.auth.SignedInUser;

/** What the shared layout needs on every page, error pages included. */
@ControllerAdvice(assignableTypes = {PageController.class, ErrorPageController.class})
record PageModel(ScriptText scriptText) {
  @ModelAttribute
  void common(@AuthenticationPrincipal @Nullable SignedInUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("scriptText", scriptText.forCurrentLocale());
  }
}

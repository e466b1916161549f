package theo.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every page is templates/layout.html (head, top bar, toasts) around one page template's {@code
 * <title>} and {@code <main>}; a page template holds only those two elements, and the controllers
 * name it here instead of rendering it as a view.
 */
final class Layout {
  /** The model attribute naming the page template whose title and main the layout shows. */
  static final String PAGE_TEMPLATE = "pageTemplate";

  private Layout() {}

  /** The layout around {@code template} (a template name such as {@code settings/audit}). */
  static ModelAndView page(String template) {
    return new ModelAndView("layout").addObject(PAGE_TEMPLATE, template);
  }

  /** The same, answered with {@code status}. */
  static ModelAndView page(String template, HttpStatus status) {
    ModelAndView view = page(template);
    view.setStatus(status);
    return view;
  }
}

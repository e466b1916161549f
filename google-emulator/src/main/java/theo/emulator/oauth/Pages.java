package theo.emulator.oauth;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import theo.emulator.Account;
import theo.emulator.http.Response;

/** The HTML of the sign-in flow: account chooser, consent page and Google-style error pages. */
final class Pages {
  static final String CHOOSE_PATH = "/o/oauth2/v2/auth/choose";
  static final String CONSENT_PATH = "/o/oauth2/v2/auth/consent";

  private static final Map<String, String> SCOPE_LABELS =
      Map.ofEntries(
          Map.entry("openid", "Associate you with your personal info on Google"),
          Map.entry("email", "See your primary Google Account email address"),
          Map.entry(
              "profile",
              "See your personal info, including any personal info you've made publicly"
                  + " available"),
          label("userinfo.email", "See your primary Google Account email address"),
          label(
              "userinfo.profile",
              "See your personal info, including any personal info you've made publicly"
                  + " available"),
          label("gmail.readonly", "View your email messages and settings"),
          label("gmail.modify", "Read, compose, and send emails from your Gmail account"),
          label("gmail.send", "Send email on your behalf"),
          label("gmail.compose", "Manage drafts and send emails"),
          label("gmail.labels", "See and edit your email labels"),
          label("gmail.metadata", "View your email message metadata such as labels and headers"),
          label("calendar", "See, edit, share, and permanently delete all your calendars"),
          label("calendar.readonly", "See and download any calendar you can access"),
          label("calendar.events", "View and edit events on all your calendars"),
          label("calendar.events.readonly", "View events on all your calendars"),
          label("contacts", "See, edit, download, and permanently delete your contacts"),
          label("contacts.readonly", "See and download your contacts"),
          label("contacts.other.readonly", "See and download contact info automatically saved"),
          label("drive", "See, edit, create, and delete all of your Google Drive files"),
          label("drive.readonly", "See and download all your Google Drive files"),
          label("drive.metadata.readonly", "See information about your Google Drive files"),
          label("drive.metadata", "View and manage metadata of files in your Google Drive"),
          label(
              "drive.file",
              "See, edit, create, and delete only the specific Google Drive files you use with"
                  + " this app"));

  private Pages() {}

  static Response chooser(String requestId, String clientId, Collection<Account> accounts) {
    StringBuilder items = new StringBuilder();
    for (Account account : accounts) {
      items
          .append("<li><button type=\"submit\" name=\"account\" value=\"")
          .append(escape(account.email()))
          .append("\">")
          .append(escape(account.name()))
          .append(" &lt;")
          .append(escape(account.email()))
          .append("&gt;</button></li>\n");
    }
    String body =
        "<h1>Choose an account</h1>\n<p>to continue to "
            + escape(clientId)
            + "</p>\n<form method=\"post\" action=\""
            + CHOOSE_PATH
            + "\">\n<input type=\"hidden\" name=\"request_id\" value=\""
            + escape(requestId)
            + "\">\n<ul>\n"
            + items
            + "</ul>\n</form>";
    return Response.html(200, page("Sign in - Google Accounts", body));
  }

  static Response consent(String requestId, String clientId, Account account, List<String> scopes) {
    StringBuilder items = new StringBuilder();
    for (String scope : scopes) {
      items
          .append("<li><label><input type=\"checkbox\" name=\"scope\" value=\"")
          .append(escape(scope))
          .append("\" checked> ")
          .append(escape(label(scope)))
          .append(" <small>(")
          .append(escape(scope))
          .append(")</small></label></li>\n");
    }
    String body =
        "<h1>"
            + escape(clientId)
            + " wants access to your Google Account</h1>\n<p>"
            + escape(account.email())
            + "</p>\n<form method=\"post\" action=\""
            + CONSENT_PATH
            + "\">\n<input type=\"hidden\" name=\"request_id\" value=\""
            + escape(requestId)
            + "\">\n<p>Select what "
            + escape(clientId)
            + " can access</p>\n<ul>\n"
            + items
            + "</ul>\n<button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>\n"
            + "<button type=\"submit\" name=\"action\" value=\"allow\">Allow</button>\n</form>";
    return Response.html(200, page("Sign in - Google Accounts", body));
  }

  /** Google's "Access blocked" page for requests it cannot even redirect back. */
  static Response error(int status, String error, String detail) {
    String body =
        "<h1>Access blocked: authorization error</h1>\n<p>"
            + escape(detail)
            + "</p>\n<p>Error "
            + status
            + ": "
            + escape(error)
            + "</p>";
    return Response.html(status, page("Error " + status + ": " + error, body));
  }

  static String label(String scope) {
    String label = SCOPE_LABELS.get(scope);
    return label == null ? scope : label;
  }

  private static Map.Entry<String, String> label(String suffix, String text) {
    return Map.entry("https://www.googleapis.com/auth/" + suffix, text);
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head>\n<body>\n"
        + body
        + "\n<p><small>Google emulator</small></p>\n</body></html>\n";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

/** The server-rendered pages: landing page, settings, shared layout. Nobody imports this module. */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package theo.web;

/**
 * The Calendar integration: its registration in the shared pattern, its calendar and event sync and
 * its Calendar-specific endpoints.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar")
package theo.calendar;

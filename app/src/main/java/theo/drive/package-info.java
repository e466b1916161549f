/**
 * Google Drive: file metadata synced in full and then through the changes feed, the text of
 * documents kept for search, the files read API and pages. Added through the integration pattern
 * alone; see this package's README.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Drive")
package theo.drive;

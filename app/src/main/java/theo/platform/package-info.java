/**
 * Infrastructure every module shares: the data directory, the embedded PostgreSQL, the embedded
 * Google emulator, the resolved Google endpoints and the clock.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package theo.platform;

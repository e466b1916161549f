package theo.platform;

/**
 * The JSON body of every API error: {@code {"error":{"code":"...","message":"..."}}}, with a stable
 * upper-case code clients can switch on.
 */
public record ApiError(Detail error) {

  public static ApiError of(String code, String message) {
    return new ApiError(new Detail(code, message));
  }

  /** The code and a human-readable message. */
  public record Detail(String code, String message) {}
}

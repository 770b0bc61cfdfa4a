/// The version of the toolkit, written into recordings and reports.
public enum ToolVersion {
  /// The semantic version of this build.
  public static let current = "0.1.0"
}

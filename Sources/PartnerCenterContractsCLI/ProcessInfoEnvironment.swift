import Foundation

/// The process environment, read once.
public enum ProcessInfoEnvironment {
  /// The environment variables of this process.
  public static var current: [String: String] { ProcessInfo.processInfo.environment }
}

/// The faults a replay injects: latency on every answer, and faults that replace or break a
/// share of the answers. Decisions come from the seed and the request's sequence number, so a
/// run with the same seed and the same requests meets the same faults.
public struct FaultPlan: Sendable, Hashable {
  /// One kind of fault.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// 429 with `Retry-After` and the throttling body.
    case throttle = "429"
    /// 500 with a Partner Center error body.
    case internalError = "500"
    /// 503 with a Partner Center error body and `Retry-After`.
    case unavailable = "503"
    /// The connection is reset halfway through the body.
    case reset
    /// Half the body is sent under the full `Content-Length`, then the connection is closed.
    case truncate
    /// The body trickles in small pieces.
    case slow
  }

  /// One `--fault KIND:RATE`.
  public struct Fault: Sendable, Hashable {
    /// What happens.
    public var kind: Kind
    /// The share of requests it happens to, 0 to 1.
    public var rate: Double

    /// Creates a fault.
    public init(kind: Kind, rate: Double) {
      self.kind = kind
      self.rate = rate
    }
  }

  /// The base delay before every answer, in milliseconds.
  public var latencyMilliseconds: Int
  /// Up to this many milliseconds more, drawn per request.
  public var jitterMilliseconds: Int
  /// The faults, tried in order; a request gets at most one.
  public var faults: [Fault]
  /// The seed of the decisions.
  public var seed: UInt64

  /// A plan; the default injects nothing.
  public init(
    latencyMilliseconds: Int = 0, jitterMilliseconds: Int = 0, faults: [Fault] = [],
    seed: UInt64 = 1
  ) {
    self.latencyMilliseconds = latencyMilliseconds
    self.jitterMilliseconds = jitterMilliseconds
    self.faults = faults
    self.seed = seed
  }

  /// What happens to request number `sequence`: the delay, and the fault if any.
  public func decide(sequence: UInt64) -> (delayMilliseconds: Int, fault: Kind?) {
    var random = ReplayRandom(seed: seed, stream: sequence)
    let delay =
      latencyMilliseconds + (jitterMilliseconds > 0 ? random.below(jitterMilliseconds + 1) : 0)
    for fault in faults where random.unit() < fault.rate {
      return (delay, fault.kind)
    }
    return (delay, nil)
  }

  /// Parses `KIND:RATE` (`429:0.1`, `reset:5%`).
  public static func parseFault(_ text: String) -> Fault? {
    let parts = text.split(separator: ":", maxSplits: 1)
    guard parts.count == 2, let kind = Kind(rawValue: parts[0].lowercased()),
      let rate = parseRate(parts[1])
    else { return nil }
    return Fault(kind: kind, rate: rate)
  }

  /// Parses `MS[:JITTER]` (`200`, `200:50`); nil unless both are non-negative integers.
  public static func parseLatency(_ text: String) -> (milliseconds: Int, jitter: Int)? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let base = Int(parts[0]), base >= 0, base <= 600_000
    else { return nil }
    guard parts.count == 2 else { return (base, 0) }
    guard let jitter = Int(parts[1]), jitter >= 0, jitter <= 600_000 else { return nil }
    return (base, jitter)
  }

  private static func parseRate(_ text: Substring) -> Double? {
    if text.hasSuffix("%") {
      guard let percent = Double(text.dropLast()), (0...100).contains(percent) else { return nil }
      return percent / 100
    }
    guard let rate = Double(text), (0...1).contains(rate) else { return nil }
    return rate
  }
}

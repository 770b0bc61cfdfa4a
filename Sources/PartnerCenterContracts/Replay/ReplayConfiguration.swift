/// What a ``ReplayServer`` serves and how it misbehaves.
public struct ReplayConfiguration: Sendable {
  /// The address to bind, `127.0.0.1` by default.
  public var host: String
  /// The port; 0 picks a free one.
  public var port: Int
  /// The recordings to serve (the partner response, and one per customer).
  public var recordings: [Recording]
  /// How many generated customers to add (`--synthesize`).
  public var synthesizedCustomers: Int
  /// The seed of generated customers and fault decisions.
  public var seed: UInt64
  /// Which edge-case customers to add (`--variants`).
  public var variants: Set<ResponseVariant.Kind>
  /// Latency and faults.
  public var faults: FaultPlan
  /// Whether a request that breaks the request contract is answered 400.
  public var enforce: Bool
  /// The HTTP limits.
  public var limits: HTTPLimits
  /// The most connections served at once.
  public var maximumConnections: Int
  /// Called with each new finding about a client's request, as it happens (from connection
  /// threads, so it must be quick and thread-safe).
  public var onFinding: (@Sendable (Finding) -> Void)?

  /// A configuration serving `recordings` on a free loopback port, checking clients, injecting
  /// nothing.
  public init(
    host: String = "127.0.0.1", port: Int = 0, recordings: [Recording] = [],
    synthesizedCustomers: Int = 0, seed: UInt64 = 1, variants: Set<ResponseVariant.Kind> = [],
    faults: FaultPlan = FaultPlan(), enforce: Bool = false, limits: HTTPLimits = HTTPLimits(),
    maximumConnections: Int = 256, onFinding: (@Sendable (Finding) -> Void)? = nil
  ) {
    self.host = host
    self.port = port
    self.recordings = recordings
    self.synthesizedCustomers = synthesizedCustomers
    self.seed = seed
    self.variants = variants
    self.faults = faults
    self.enforce = enforce
    self.limits = limits
    self.maximumConnections = maximumConnections
    self.onFinding = onFinding
  }

  /// The readable recordings below `directory`, and a one-line problem for each file that is
  /// not a recording.
  public static func recordings(inDirectory directory: String) throws(RecordingStoreError)
    -> (recordings: [Recording], problems: [String])
  {
    var recordings: [Recording] = []
    var problems: [String] = []
    for entry in try RecordingStore(directory: directory).load() {
      switch entry.recording {
      case .success(let recording): recordings.append(recording)
      case .failure(let error): problems.append("\(directory)/\(entry.relativePath): \(error)")
      }
    }
    return (recordings, problems)
  }
}

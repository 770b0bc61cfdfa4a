/// Something that happened during a capture, for progress display and the event log.
public enum CaptureEvent: Sendable {
  /// The number of calls the capture will make is now known (after enumerating customers).
  case planned(total: Int)
  /// A page of the customer list arrived.
  case listedCustomers(page: Int, customers: Int)
  /// A call is being retried after `reason`, waiting `delay` seconds first.
  case retrying(Endpoint, retry: Int, reason: String, delay: Double)
  /// The API throttled a call (429); the concurrency is now `concurrency`.
  case throttled(Endpoint, delay: Double, concurrency: Int)
  /// A recording was written (or printed) with `findings`; `path` is nil for `--stdout`.
  case recorded(Endpoint, status: Int, path: String?, findings: [Finding])
  /// A call produced no recording.
  case failed(Endpoint, reason: String)
  /// A call was skipped because its recording already exists (`--resume`).
  case skipped(Endpoint)
}

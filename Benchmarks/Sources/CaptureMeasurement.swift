import Foundation
import PartnerCenterContracts

/// The capture measurement's settings.
struct CaptureBenchmarkOptions {
  var customers = 5000
  var latencyMilliseconds = 50
  var concurrency = 16
  var throttleRate = 0.05

  /// Sets `--customers`, `--latency`, `--concurrency` or `--throttle`; false when invalid.
  mutating func set(_ option: String, _ value: String) -> Bool {
    switch option {
    case "--throttle":
      guard let rate = Double(value), (0...1).contains(rate) else { return false }
      throttleRate = rate
    default:
      guard let number = Int(value), number > 0 else { return false }
      switch option {
      case "--customers": customers = number
      case "--latency": latencyMilliseconds = number
      default: concurrency = number
      }
    }
    return true
  }
}

/// Captures synthesized customers from an in-process replay with latency, twice: without
/// faults, and with a share of 429s; prints wall time, requests/s and the ratio to the ideal
/// `customers × latency / concurrency`.
func runCapture(_ options: BenchmarkOptions) {
  let settings = options.capture
  let ideal =
    Double(settings.customers) * Double(settings.latencyMilliseconds) / 1000
    / Double(settings.concurrency)
  print(
    "capture: \(settings.customers) synthesized customers, \(settings.latencyMilliseconds) ms latency, concurrency \(settings.concurrency); ideal \(fixed(ideal, 2)) s"
  )
  for rate in [0, settings.throttleRate] {
    let result = blocking { await captureOnce(settings, throttleRate: rate) }
    switch result {
    case .success(let run):
      let label = rate == 0 ? "no faults" : "\(fixed(rate * 100, 0))% 429s"
      print(
        "  \(label): \(fixed(run.seconds, 2)) s, \(fixed(Double(run.requests) / run.seconds, 0)) requests/s, "
          + "\(run.summary.captured) of \(settings.customers) captured, \(run.summary.failed) failed, "
          + "\(run.requests) requests, \(fixed(ideal / run.seconds * 100, 1))% of ideal")
    case .failure(let error):
      fail("capture failed: \(error)", exitCode: 1)
    }
  }
  printPeakMemory()
}

private struct CaptureRun: Sendable {
  var seconds: Double
  var requests: Int
  var summary: CaptureSummary
}

private func captureOnce(_ settings: CaptureBenchmarkOptions, throttleRate: Double) async
  -> Result<CaptureRun, CaptureError>
{
  let faults = throttleRate > 0 ? [FaultPlan.Fault(kind: .throttle, rate: throttleRate)] : []
  let server = ReplayServer(
    configuration: ReplayConfiguration(
      synthesizedCustomers: settings.customers,
      faults: FaultPlan(latencyMilliseconds: settings.latencyMilliseconds, faults: faults)))
  do {
    try server.start()
  } catch {
    fail("cannot start the replay server: \(error)", exitCode: 3)
  }
  defer { server.stop() }
  let transport = URLSessionTransport(maximumConnections: settings.concurrency)
  let capturer = Capturer(
    options: CaptureOptions(
      baseURL: "http://127.0.0.1:\(server.port)", concurrency: settings.concurrency,
      customerPageSize: 1000),
    transport: transport,
    tokens: AccessTokenProvider(
      source: .accessToken(Secret("benchmark-token")), transport: transport),
    validator: ContractValidator())
  let customerIDs = server.customerIDs
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "capture-benchmark-\(UUID())"
  ).path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let store = RecordingStore(directory: folder)
  let start = ContinuousClock.now
  do {
    let summary = try await capturer.run(
      customerIDs.map { .customer($0) },
      sink: { recording throws(RecordingStoreError) in try store.write(recording) })
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return .success(CaptureRun(seconds: seconds, requests: server.requestCount, summary: summary))
  } catch {
    return .failure(error)
  }
}

/// Runs `operation` to completion from synchronous code.
private func blocking<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
  let semaphore = DispatchSemaphore(value: 0)
  nonisolated(unsafe) var result: T?
  Task.detached {
    result = await operation()
    semaphore.signal()
  }
  semaphore.wait()
  return result!
}

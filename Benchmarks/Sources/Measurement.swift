import PartnerCenterContracts

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Times one operation over an input of known size and prints its throughput.
///
/// ```
/// let result = Measurement(name: "parse", bytes: input.count).run { try JSONParser.parse(input) }
/// ```
/// prints `parse: 61.2 MB in 0.153 s = 400.1 MB/s (best of 5)`.
struct Measurement {
  /// The label printed before the numbers.
  var name: String
  /// The size of the input, in bytes; MB means 10^6 bytes.
  var bytes: Int
  /// How many times to run; the fastest run is reported.
  var repetitions = 5
  /// Whether to print every run's wall and CPU time.
  var verbose = false

  /// The outcome of a run.
  struct Result {
    var bestSeconds: Double
    var megabytesPerSecond: Double
    /// The fastest run's CPU time on this thread (user and system), which other processes
    /// competing for the cores do not inflate.
    var bestCPUSeconds: Double
  }

  /// Runs `operation` `repetitions` times, prints the best time, and returns it.
  ///
  /// The value `operation` returns is dropped after the clock stops, so freeing it is not timed.
  @discardableResult
  func run<Output>(_ operation: () throws -> Output) rethrows -> Result {
    var best = Double.infinity
    var bestCPU = Double.infinity
    for _ in 0..<max(1, repetitions) {
      let start = monotonicSeconds()
      let cpuStart = threadCPUSeconds()
      let output = try operation()
      let elapsed = monotonicSeconds() - start
      let cpu = threadCPUSeconds() - cpuStart
      withExtendedLifetime(output) {}
      best = min(best, elapsed)
      bestCPU = min(bestCPU, cpu)
      if verbose { print("  run: \(fixed(elapsed, 3)) s wall, \(fixed(cpu, 3)) s thread CPU") }
    }
    let megabytes = Double(bytes) / 1_000_000
    let result = Result(
      bestSeconds: best, megabytesPerSecond: megabytes / best, bestCPUSeconds: bestCPU)
    print(
      "\(name): \(fixed(megabytes, 1)) MB in \(fixed(best, 3)) s = "
        + "\(fixed(result.megabytesPerSecond, 1)) MB/s (best of \(max(1, repetitions)))")
    return result
  }
}

/// CPU seconds this thread has used.
func threadCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The peak resident set size of this process (`VmHWM`), in bytes; `nil` where
/// `/proc/self/status` is not available.
func peakResidentBytes() -> Int? {
  guard let status = readFile("/proc/self/status") else { return nil }
  for line in String(decoding: status, as: UTF8.self).split(separator: "\n")
  where line.hasPrefix("VmHWM:") {
    let digits = line.dropFirst("VmHWM:".count).filter { $0.isNumber }
    return Int(digits).map { $0 * 1024 }
  }
  return nil
}

/// `value` with `decimals` digits after the point.
func fixed(_ value: Double, _ decimals: Int) -> String {
  guard value.isFinite else { return "\(value)" }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = Int((value * scale).rounded())
  let whole = scaled / Int(scale)
  let fraction = String(scaled % Int(scale))
  guard decimals > 0 else { return String(whole) }
  return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

/// The bytes of the file at `path`, read as `pc-contract` reads its inputs; `nil` when it
/// cannot be read.
func readFile(_ path: String) -> [UInt8]? {
  try? FileContents.bytes(atPath: path)
}

/// Writes `bytes` to the file at `path`; `false` when that fails.
func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
  guard let file = fopen(path, "wb") else { return false }
  let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
  return fclose(file) == 0 && written == bytes.count
}

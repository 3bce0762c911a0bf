import Foundation

/// How long a piece of work took, and what it produced (so the work is not optimised away).
struct Timing<Result> {
    var seconds: Double
    var result: Result
}

extension Timing: Sendable where Result: Sendable {}

/// Runs `work` once and times it with a monotonic clock.
func measure<Result>(_ work: () throws -> Result) rethrows -> Timing<Result> {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try work()
    return Timing(seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, result: result)
}

/// `count / seconds`, formatted with thousands separators.
func rate(_ count: Int, _ seconds: Double) -> String {
    let perSecond = Int((Double(count) / seconds).rounded())
    return perSecond.formatted(.number.grouping(.automatic))
}

/// One line of the report: a description, a figure and its unit, aligned.
func row(_ label: String, _ figure: String, _ unit: String) -> String {
    let padded = label.padding(toLength: max(label.count, 78), withPad: " ", startingAt: 0)
    return "\(padded) \(String(repeating: " ", count: max(0, 12 - figure.count)))\(figure) \(unit)"
}

/// The best and the median time of `runs` runs of `work`: on a shared machine the best
/// run is the least disturbed one, and the median says how typical it is.
func repeated<Result>(_ runs: Int, _ work: () throws -> Result) rethrows -> (best: Double, median: Double) {
    var seconds: [Double] = []
    for _ in 0..<runs { seconds.append(try measure(work).seconds) }
    seconds.sort()
    return (seconds[0], seconds[runs / 2])
}

/// Processor time (user and system, every thread) this process has used, in seconds:
/// on a machine shared with other work it varies less than the wall-clock time.
func processorSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The value below which the fraction `p` of `sorted` lies (nearest rank); nil if empty.
func percentile(_ sorted: [Double], _ p: Double) -> Double? {
    guard !sorted.isEmpty else { return nil }
    return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
}

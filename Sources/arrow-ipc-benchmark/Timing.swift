/// Wall-clock time of each of `repeats` runs of `body`, in seconds; `prepare` runs before
/// each one, untimed (removing the previous run's output, for example).
func measure(repeats: Int, prepare: () throws -> Void = {}, _ body: () throws -> Void) rethrows -> [Double] {
    var times: [Double] = []
    times.reserveCapacity(repeats)
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        try prepare()
        let start = clock.now
        try body()
        times.append(seconds(clock.now - start))
    }
    return times
}

/// `duration` in seconds.
func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

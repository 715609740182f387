/// The value of one sample in a /metrics scrape, written as it appears there (its name, then its
/// labels if it has any), or nil when the scrape lacks it.
func metricValue(_ sample: String, in scrape: String) -> Double? {
    let line = scrape.split(separator: "\n").first { $0.hasPrefix(sample + " ") }
    return line.flatMap { Double($0.dropFirst(sample.count + 1)) }
}

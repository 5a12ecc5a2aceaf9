/// The correctly rounded sum of doubles, whatever their order (Shewchuk's algorithm, as in
/// Python's `math.fsum`).
///
/// Cumulative compute is compared against legal thresholds such as 10^26; a plain running sum
/// would depend on traversal order and could land one ulp either side of a threshold.
public enum ExactSum {
    /// Sum of finite values, rounded once at the end.
    public static func sum<Values: Sequence>(_ values: Values) -> Double where Values.Element == Double {
        var accumulator = Accumulator()
        for value in values { accumulator.add(value) }
        return accumulator.total
    }

    /// A running exact sum: the non-overlapping partials whose sum is exactly the sum of every
    /// value added. Two accumulators add up exactly, so a sum over a lineage can be built from its
    /// parent's sum and come out bit for bit as the sum over every member at once.
    public struct Accumulator: Sendable, Equatable {
        private var partials: [Double] = []

        /// An empty sum.
        public init() {}

        /// Adds one finite value.
        public mutating func add(_ value: Double) {
            var x = value
            var kept = 0
            for var y in partials {
                if abs(x) < abs(y) { swap(&x, &y) }
                let high = x + y
                let low = y - (high - x)
                if low != 0 {
                    partials[kept] = low
                    kept += 1
                }
                x = high
            }
            partials.removeSubrange(kept...)
            partials.append(x)
        }

        /// Adds everything another accumulator holds.
        public mutating func add(_ other: Accumulator) {
            for partial in other.partials { add(partial) }
        }

        /// The sum, correctly rounded.
        public var total: Double { ExactSum.roundedTotal(partials) }
    }

    /// Adds the non-overlapping partials from the top, with the half-way correction fsum uses.
    fileprivate static func roundedTotal(_ partials: [Double]) -> Double {
        guard var index = partials.indices.last else { return 0 }
        var high = partials[index]
        var low = 0.0
        while index > 0 {
            index -= 1
            let x = high
            let y = partials[index]
            high = x + y
            let yr = high - x
            low = y - yr
            if low != 0 { break }
        }
        if index > 0 && ((low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0)) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }
}

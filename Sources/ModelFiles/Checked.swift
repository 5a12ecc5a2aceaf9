import LedgerCore

/// Products and sums of untrusted counts, refused when they overflow.
enum Checked {
    static func product(_ dims: [UInt64], _ fail: (String) -> ModelFileError) throws -> Int64 {
        var product: UInt64 = 1
        for dim in dims {
            let (value, overflow) = product.multipliedReportingOverflow(by: dim)
            guard !overflow, value <= UInt64(Int64.max) else {
                throw fail("tensor shape \(dims) has more elements than can be counted")
            }
            product = value
        }
        return Int64(product)
    }

    static func add(_ a: Int64, _ b: Int64, _ fail: (String) -> ModelFileError) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw fail("parameter count overflows") }
        return sum
    }

    static func multiply(_ a: Int64, _ b: Int64, _ fail: (String) -> ModelFileError) throws -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw fail("parameter count overflows") }
        return product
    }
}

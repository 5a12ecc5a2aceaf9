/// Formats a double the way ECMAScript's Number.prototype.toString does (ECMA-262 §6.1.6.1.20),
/// which RFC 8785 requires for canonical numbers.
///
/// Swift's `description` already yields the shortest digits that round-trip; this only
/// re-lays them out in ECMAScript's notation.
public enum ECMAScriptNumber {
    /// The ECMAScript string for a finite double.
    public static func format(_ value: Double) -> String {
        precondition(value.isFinite, "only finite numbers have a JSON form")
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let (digits, n) = shortestDigits(abs(value))
        let k = digits.count
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let cut = digits.index(digits.startIndex, offsetBy: n)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let exponent = n - 1
        let exponentText = (exponent < 0 ? "-" : "+") + String(abs(exponent))
        if k == 1 { return sign + digits + "e" + exponentText }
        return sign + digits.prefix(1) + "." + digits.dropFirst() + "e" + exponentText
    }

    /// The shortest round-trip digits `s` (no leading or trailing zeros) and the exponent `n`
    /// such that value = 0.s × 10^n.
    static func shortestDigits(_ value: Double) -> (digits: String, n: Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        var digits = ""
        var pointPosition = 0
        var seenPoint = false
        for char in mantissa {
            if char == "." {
                seenPoint = true
                continue
            }
            digits.append(char)
            if !seenPoint { pointPosition += 1 }
        }
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition + exponent)
    }
}

import Foundation

/// Small human-readable formats shared by every renderer.
public enum Format {
    /// Operations (and other large counts) as people write them, the one style of every output:
    /// three significant digits with trailing zeros dropped, `3.02 × 10^26`, `2.4 × 10^24`,
    /// `10^26` for a power of ten; numbers below 10,000 as they are (`0`, `16`, `4200`, `0.5`);
    /// `unknown` for nil, never zero.
    public static func operations(_ value: Double?) -> String {
        guard let value else { return "unknown" }
        if value == value.rounded(), value >= 0, value < 10_000 { return String(Int(value)) }
        guard value.isFinite, value >= 10_000 else { return ECMAScriptNumber.format(value) }
        let text = scientific(value)  // d.dde±XX
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        var mantissa = String(text[..<e])
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
        if mantissa == "1" {
            // Rounding must not make a value just below a threshold (thresholds are powers of ten)
            // look like it: only an exact power of ten is written as one.
            let (digits, n) = ECMAScriptNumber.shortestDigits(value)
            if digits == "1" { return "10^\(n - 1)" }
            let kept = String(digits.prefix(6))
            return "\(kept.prefix(1)).\(kept.dropFirst()) × 10^\(n - 1)"
        }
        return "\(mantissa) × 10^\(exponent)"
    }

    /// A fraction as a percentage with at most one decimal, e.g. `33.3%`, `25%`.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return ECMAScriptNumber.format(fraction) }
        let tenths = (fraction * 1000).rounded()
        let whole = Int64(tenths / 10)
        let decimal = Int64(abs(tenths).truncatingRemainder(dividingBy: 10))
        return "\(whole)" + (decimal == 0 ? "" : ".\(decimal)") + "%"
    }

    /// A whole amount with thousands separators, e.g. `500,000,000`; other values as JSON writes them.
    public static func grouped(_ amount: Double) -> String {
        guard amount.isFinite, amount >= 0, amount < 1e15, amount == amount.rounded() else {
            return ECMAScriptNumber.format(amount)
        }
        var digits = Array(String(Int64(amount)))
        var out = ""
        while digits.count > 3 {
            out = "," + String(digits.suffix(3)) + out
            digits.removeLast(3)
        }
        return String(digits) + out
    }

    /// `String(format: "%.2e", value)`, without its cost (`flags` formats hundreds of thousands).
    ///
    /// Rounds the shortest round-trip digits, which gives printf's result except when those digits
    /// end exactly in the rounding position's 5 (then the exact binary value decides): that case,
    /// negatives, subnormals (too few bits for the argument) and non-finite values go to printf.
    /// A test compares the two over many values.
    static func scientific(_ value: Double) -> String {
        guard value.isNormal, value > 0 else { return String(format: "%.2e", value) }
        let (text, n) = ECMAScriptNumber.shortestDigits(value)
        let digits = Array(text.utf8).map { Int($0) - 48 }
        if digits.count == 4 && digits[3] == 5 { return String(format: "%.2e", value) }
        var significand = 0
        for index in 0..<3 { significand = significand * 10 + (index < digits.count ? digits[index] : 0) }
        if digits.count > 3 && digits[3] >= 5 { significand += 1 }
        var exponent = n - 1
        if significand == 1000 {
            significand = 100
            exponent += 1
        }
        let magnitude = abs(exponent)
        let fraction = significand % 100
        let mantissa = "\(significand / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        return "\(mantissa)e\(exponent < 0 ? "-" : "+")\(magnitude < 10 ? "0" : "")\(magnitude)"
    }

    /// Bytes with a binary unit, e.g. `1.5 MiB`.
    public static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// US dollars with thousands separators, e.g. `$600,000,000`; cents only when there are any.
    public static func usd(_ amount: Double) -> String {
        guard amount.isFinite, amount >= 0, amount < 1e15 else { return "$" + ECMAScriptNumber.format(amount) }
        let whole = Int64(amount.rounded(.down))
        let cents = Int64(((amount - Double(whole)) * 100).rounded())
        var digits = Array(String(whole))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        return "$" + grouped + (cents > 0 ? "." + (cents < 10 ? "0" : "") + String(cents) : "")
    }
}

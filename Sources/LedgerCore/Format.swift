import Foundation

/// Small human-readable formats shared by every renderer.
public enum Format {
    /// Operations in scientific notation with three significant digits, e.g. `3.00e+26`;
    /// `unknown` for nil, never zero.
    public static func operations(_ value: Double?) -> String {
        guard let value else { return "unknown" }
        return value == 0 ? "0" : scientific(value)
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

import Foundation

/// Small human-readable formats shared by every renderer.
public enum Format {
    /// Operations in scientific notation with three significant digits, e.g. `3.00e+26`;
    /// `unknown` for nil, never zero.
    public static func operations(_ value: Double?) -> String {
        guard let value else { return "unknown" }
        return value == 0 ? "0" : String(format: "%.2e", value)
    }

    /// Bytes with a binary unit, e.g. `1.5 MiB`.
    public static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}

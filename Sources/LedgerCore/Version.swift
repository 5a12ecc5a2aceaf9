/// The release, as `--version` prints it and exports name their tool.
public enum WeightLedgerVersion {
    /// The version string.
    public static let current = "0.3.0"
}

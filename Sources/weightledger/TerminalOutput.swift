import LedgerRender

/// Everything the CLI prints goes through here (this `print` shadows the standard library's in
/// this module): control and formatting characters other than newline and tab — ESC, CR, NUL,
/// C1, right-to-left overrides — are shown as `\uXXXX`, so no text from the ledger, a file or a
/// pack can send an escape sequence to the terminal or hide what it prints. JSON output stays
/// valid JSON with the same values (such characters can only stand inside its strings).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { String(describing: $0) }.joined(separator: separator)
    Swift.print(SafeText.visible(text, keepingLines: true), terminator: terminator)
}

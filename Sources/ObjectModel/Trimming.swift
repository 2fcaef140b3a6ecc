extension StringProtocol {
    /// The text without leading and trailing white space (Unicode's, newlines included).
    ///
    /// Swift's own, not Foundation's `trimmingCharacters(in:)`: on Linux that bridges through
    /// `NSString`, and each Foundation type a command first touches costs it start-up time.
    public func trimmingWhitespace() -> SubSequence {
        var text = self[...]
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}

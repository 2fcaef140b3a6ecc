import Dispatch

extension Array where Element: Sendable {
    /// `map` over every core: for the report's pure, independent work (diffs, sections), which
    /// is most of its time on a large ledger. The order of the results is the order of `self`.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = Slots(base: buffer.baseAddress!)
            withoutActuallyEscaping(transform) { transform in
                let elements = self
                DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                    results.put(transform(elements[index]), at: index)
                }
            }
            initialized = count
        }
    }
}

/// The result buffer of ``Swift/Array/parallelMap(_:)``: each iteration writes its own slot
/// once, so the threads never share one.
private struct Slots<Result>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result>

    func put(_ value: Result, at index: Int) { (base + index).initialize(to: value) }
}

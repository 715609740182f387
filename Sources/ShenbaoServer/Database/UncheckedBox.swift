/// Carries a transaction's result across a `Sendable` boundary: Fluent's `transaction` does not
/// require its result to be `Sendable`, though every result we return through it is.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

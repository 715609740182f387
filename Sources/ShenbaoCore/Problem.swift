/// One thing wrong with what a user sent: which field, a stable code, and a Chinese sentence.
///
/// Rules return every problem at once, never the first only, so a clerk fixes a form in one pass.
public struct Problem: Codable, Hashable, Sendable {
    /// JSON path of the field, e.g. `organization.uscc` or `phases[1].budgetYuan`.
    public var field: String
    /// Stable English code, e.g. `required`, `invalidCheckCharacter`.
    public var code: String
    /// What is wrong, in Chinese, naming the field.
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

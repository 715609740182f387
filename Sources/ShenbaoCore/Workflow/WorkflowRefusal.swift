/// Why a workflow action was refused: a stable code and a Chinese sentence for the clerk.
public struct WorkflowRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// e.g. `alreadySubmitted`, `notAllowedInStatus`, `forbiddenRole`.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

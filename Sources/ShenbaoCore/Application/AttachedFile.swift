/// What the rules need to know of an uploaded file: its kind and, for evidence (佐证材料), the
/// priority condition it proves. The bytes are judged at upload (`AttachmentRules`); submission
/// only asks what is there.
public struct AttachedFile: Hashable, Sendable {
    public var kind: AttachmentKind
    /// The code of the priority condition (优先考虑条件) an evidence file proves; nil for
    /// evidence of the eligibility conditions and of what the form states in general.
    public var condition: String?

    public init(_ kind: AttachmentKind, condition: String? = nil) {
        self.kind = kind
        self.condition = condition
    }
}

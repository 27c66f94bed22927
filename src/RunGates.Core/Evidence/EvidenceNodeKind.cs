namespace RunGates.Core.Evidence;

public enum EvidenceNodeKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

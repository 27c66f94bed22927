namespace RunGates.Core.Bundles;

/// <summary>
/// The points of <see cref="RunBundle.Commit"/>, in order, each after one durable step. A crash between any two leaves
/// the bundle in a state <c>bundle list</c> and <c>bundle validate</c> report truthfully and LATEST never names it
/// uncommitted; tests stop the commit at each point to show it.
/// </summary>
public enum CommitPoint
{
    /// <summary>run.json holds its final state (<c>committed</c>, with the commit time); no index yet, so still uncommitted.</summary>
    ManifestWritten,

    /// <summary>artifact_index.json is in place; a packet the index names is still missing, so the commit is incomplete.</summary>
    IndexWritten,

    /// <summary>The promotion packet is in place (or the run writes none): the bundle is committed; LATEST not yet moved.</summary>
    PacketWritten,

    /// <summary>LATEST names the newest committed, valid bundle.</summary>
    LatestMoved,
}

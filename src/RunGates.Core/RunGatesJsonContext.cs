using System.Text.Json.Serialization;
using RunGates.Core.Bundles;
using RunGates.Core.Promotion;
using RunGates.Core.Reports;
using RunGates.Core.Runs;

namespace RunGates.Core;

/// <summary>
/// Serialization code generated at build time for every JSON file RunGates reads or writes. Reflection-based
/// metadata costs a short-lived CLI run most of its start-up; the shape (snake_case, converters) still comes from
/// the options that use this resolver.
/// </summary>
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(ArtifactIndex))]
[JsonSerializable(typeof(BundleStatusEntry))]
[JsonSerializable(typeof(ResultsDocument))]
[JsonSerializable(typeof(PromotionPacket))]
internal sealed partial class RunGatesJsonContext : JsonSerializerContext;

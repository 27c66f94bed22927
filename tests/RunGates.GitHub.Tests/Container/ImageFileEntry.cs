namespace RunGates.GitHub.Tests.Container;

/// <summary>One entry of an image's file system as <c>podman export</c> writes it: its path without a leading slash
/// (folders end in one), and the first four bytes of a regular file (empty otherwise).</summary>
public sealed record ImageFileEntry(string Name, byte[] Head);

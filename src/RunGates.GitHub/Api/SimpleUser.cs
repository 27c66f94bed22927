namespace RunGates.GitHub.Api;

/// <summary>A user as GitHub embeds one in other objects (the OpenAPI description's <c>simple-user</c>).</summary>
public sealed record SimpleUser
{
    public required string Login { get; init; }
}

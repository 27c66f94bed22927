namespace RunGates.GitHub.Tests.Container;

/// <summary>
/// A fact that needs podman. Where podman is not installed it is skipped with a message saying so, instead of
/// failing: `dotnet test` passes on a machine without it. Where podman is installed, any failure (no base image and
/// no package to slice it from, a build or run that fails) fails the test. `.ci/run` installs podman, so CI always runs these.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (Podman.Path is null)
        {
            Skip = "podman is not installed (not found on PATH); the action's container tests need it. "
                + "Install podman, runc and debootstrap (`.ci/run` does) to run them; see action/README.md.";
        }
    }
}

using System.Text.RegularExpressions;

namespace RunGates.GitHub.Tests.Container;

/// <summary>
/// The action's image, built once per test run from the repository's Dockerfile on the prebuilt path, since no image
/// registry (hence no SDK image) is reachable here:
/// <code>
/// action/make-chiseled-base.sh localhost/runtime-deps-chiseled-standin:1   # only if podman has no such image yet
/// action/publish.sh CONTEXT/artifacts/action                   # the CLI, as the source stage would publish it
/// podman --runtime runc build --no-cache --target prebuilt -t localhost/rungates-action:test-ID \
///   -f CONTEXT/Dockerfile --build-arg BASE_IMAGE=localhost/runtime-deps-chiseled-standin:1 CONTEXT
/// </code>
/// CONTEXT is a temporary folder holding copies of the Dockerfile and .dockerignore and the published CLI. The image
/// and the intermediate images its build made (no cache, so none is shared with another build) are removed when the
/// run ends. Nothing is built until a test asks: xunit makes fixtures even for skipped tests, and where podman is
/// absent every test here is skipped.
/// </summary>
public sealed partial class ActionImage : IDisposable
{
    /// <summary>The stand-in for the chiseled runtime-deps image: no shell, non-root by default (make-chiseled-base.sh).</summary>
    public const string BaseImage = "localhost/runtime-deps-chiseled-standin:1";

    private readonly TempFolder context = new();
    private readonly Lazy<Task> build;
    private readonly List<string> madeImages = [];

    public ActionImage()
    {
        Tag = "localhost/rungates-action:test-" + Guid.NewGuid().ToString("N")[..12];
        build = new Lazy<Task>(BuildAsync);
    }

    public string Tag { get; }

    /// <summary>How long each part of the build took, for the test output: base image, publish, podman build.</summary>
    public List<string> Timings { get; } = [];

    public Task EnsureBuiltAsync() => build.Value;

    /// <summary>Runs the image as the runner would, with <paramref name="run"/>'s mounts, inputs and environment.</summary>
    public async Task<ToolResult> RunAsync(ActionContainerRun run, TimeSpan? timeout = null)
    {
        await EnsureBuiltAsync();
        return await Podman.RunAsync(timeout ?? TimeSpan.FromMinutes(2), run.PodmanArguments(Tag));
    }

    /// <summary><c>podman image inspect</c> of the image with a Go template, trimmed.</summary>
    public async Task<string> InspectAsync(string format)
    {
        await EnsureBuiltAsync();
        var inspect = await Podman.RunAsync(TimeSpan.FromSeconds(30), "image", "inspect", "--format", format, Tag);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return inspect.Output.Trim();
    }

    /// <summary>
    /// Every file of the image, read from <c>podman export</c> of a container created (not started) from it, written
    /// to <paramref name="tarPath"/>: the base has no shell or ls to list itself from inside.
    /// </summary>
    public async Task<IReadOnlyList<ImageFileEntry>> FileSystemAsync(string tarPath)
    {
        await EnsureBuiltAsync();
        var created = await Podman.RunAsync(TimeSpan.FromSeconds(60), "create", Tag);
        Assert.True(created.ExitCode == 0, created.ToString());
        var container = created.Output.Trim();
        try
        {
            var exported = await Podman.RunAsync(TimeSpan.FromSeconds(120), "export", "-o", tarPath, container);
            Assert.True(exported.ExitCode == 0, exported.ToString());
        }
        finally
        {
            await Podman.RunAsync(TimeSpan.FromSeconds(60), "rm", container);
        }

        var entries = new List<ImageFileEntry>();
        await using var stream = File.OpenRead(tarPath);
        using var reader = new System.Formats.Tar.TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            var head = new byte[4];
            var read = entry.DataStream is { } data ? data.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) : 0;
            var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name.TrimStart('/');
            entries.Add(new ImageFileEntry(name, head[..read]));
        }

        return entries;
    }

    public void Dispose()
    {
        if (build.IsValueCreated)
        {
            // The tag, then the intermediate images of this build; an intermediate shared with another build (a cache
            // hit) has other children or tags and podman refuses to remove it, which is what we want.
            foreach (var image in madeImages.Prepend(Tag).Distinct())
            {
                Podman.RunAsync(TimeSpan.FromSeconds(60), "rmi", image).GetAwaiter().GetResult();
            }
        }

        context.Dispose();
    }

    private async Task BuildAsync()
    {
        var exists = await Podman.RunAsync(TimeSpan.FromSeconds(30), "image", "exists", BaseImage);
        if (exists.ExitCode != 0)
        {
            var script = Path.Combine(RepositoryRoot.Path, "action", "make-chiseled-base.sh");
            await Require(ToolProcess.RunAsync("bash", [script, BaseImage], TimeSpan.FromMinutes(2), Podman.ToolEnvironment), "base image");
        }

        var publishScript = Path.Combine(RepositoryRoot.Path, "action", "publish.sh");
        await Require(ToolProcess.RunAsync("bash", [publishScript, context["artifacts/action"]], TimeSpan.FromMinutes(10)), "publish");
        File.Copy(Path.Combine(RepositoryRoot.Path, "Dockerfile"), context["Dockerfile"]);
        File.Copy(Path.Combine(RepositoryRoot.Path, ".dockerignore"), context[".dockerignore"]);

        var built = await Require(
            Podman.RunAsync(
                TimeSpan.FromMinutes(5),
                "build", "--no-cache", "--target", "prebuilt", "-t", Tag, "-f", context["Dockerfile"], "--build-arg", "BASE_IMAGE=" + BaseImage, context.Path),
            "podman build");
        madeImages.AddRange(StepImage().Matches(built.Output + "\n" + built.Error).Select(match => match.Groups[1].Value));
    }

    private async Task<ToolResult> Require(Task<ToolResult> step, string name)
    {
        var result = await step;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed:\n{result}");
        }

        Timings.Add($"{name}: {result.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    // buildah prints `--> 1ba3ee70207` after each committed step, with the image id cut to 11 digits.
    [GeneratedRegex(@"^--> ([0-9a-f]{11,64})$", RegexOptions.Multiline)]
    private static partial Regex StepImage();
}

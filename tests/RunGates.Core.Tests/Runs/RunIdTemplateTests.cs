using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Runs;

public sealed class RunIdTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 15, 30, TimeSpan.FromHours(2));
    private static readonly GitInfo Git = new("0123456789abcdef0123456789abcdef01234567", false);

    [Fact]
    public void Default_template_is_utc_time_and_short_sha() =>
        Assert.Equal("20261122T081530Z-0123456", RunIdTemplate.Expand(RunIdTemplate_Default, Now, Git, null, "helios"));

    [Fact]
    public void Every_placeholder_expands() =>
        Assert.Equal("helios-42-0123456789abcdef0123456789abcdef01234567-2026", RunIdTemplate.Expand("{name}-{seed}-{git.sha}-{utc:yyyy}", Now, Git, "42", "helios"));

    [Fact]
    public void Outside_git_the_sha_reads_nogit() =>
        Assert.Equal("run-nogit", RunIdTemplate.Expand("run-{git.short}", Now, GitInfo.None, null, "x"));

    [Fact]
    public void Characters_unsafe_in_a_folder_name_become_dashes() =>
        Assert.Equal("a-b-c-d", RunIdTemplate.Expand("a/b c:d", Now, Git, null, "x"));

    [Fact]
    public void Unknown_placeholders_are_named()
    {
        Assert.Equal(["date", "git.branch"], RunIdTemplate.UnknownPlaceholders("{date}-{git.branch}-{utc:yyyy}-{seed}"));
        Assert.Throws<FormatException>(() => RunIdTemplate.Expand("{date}", Now, Git, null, "x"));
    }

    private const string RunIdTemplate_Default = RunGates.Core.Runbooks.RunSettings.DefaultIdTemplate;
}

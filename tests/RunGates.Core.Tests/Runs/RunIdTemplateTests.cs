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

    [Theory]
    [InlineData("LATEST", null, "expands to 'LATEST'")]
    [InlineData("Status.JSONL", null, "expands to 'Status.JSONL'")]
    [InlineData("{seed}", "latest", "expands to 'latest'")]
    [InlineData(".LATEST.", null, "expands to 'LATEST'")]
    [InlineData("{utc:%}", null, "found {utc:%}, whose format .NET cannot apply to a date")]
    [InlineData("{date}-x", null, "found {date}, a placeholder RunGates does not know")]
    public void A_template_that_cannot_name_a_bundle_folder_is_a_problem_before_any_run(string template, string? seed, string expected) =>
        Assert.Contains(expected, RunIdTemplate.Problem(template, seed, "x"), StringComparison.Ordinal);

    [Theory]
    [InlineData("{utc:yyyyMMdd'T'HHmmss'Z'}-{git.short}")]
    [InlineData("LATEST-{seed}")]
    [InlineData("status.jsonl.d")]
    public void A_template_naming_a_folder_of_its_own_has_no_problem(string template) =>
        Assert.Null(RunIdTemplate.Problem(template, "7", "x"));

    [Fact]
    public void Unknown_placeholders_are_named()
    {
        Assert.Equal(["date", "git.branch"], RunIdTemplate.UnknownPlaceholders("{date}-{git.branch}-{utc:yyyy}-{seed}"));
        Assert.Throws<FormatException>(() => RunIdTemplate.Expand("{date}", Now, Git, null, "x"));
    }

    private const string RunIdTemplate_Default = RunGates.Core.Runbooks.RunSettings.DefaultIdTemplate;
}

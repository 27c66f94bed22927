using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

public sealed class LinksCheckTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static LinksCheck Check(params string[] patterns) => new() { Id = "docs", Phase = Phase.Preflight, Position = At, Patterns = patterns };

    [Fact]
    public async Task Relative_links_and_anchors_that_resolve_pass()
    {
        _fixture.Write("README.md", "# RunGates\n\nSee [setup](docs/setup.md#install-the-tool), [again](#rungates), [web](https://example.com/x), [mail](mailto:a@b.c), [dir](docs/).\n", inEvidence: false);
        _fixture.Write("docs/setup.md", "# Setup\n\n## Install the tool\n\n## What's new? (v2)\n\n## Setup\n\nBack to [top](#setup), [new](#whats-new-v2), [dup](#setup-1), [readme](../README.md).\n", inEvidence: false);

        var result = await _fixture.Evaluate(Check("docs/**/*.md", "README.md"));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Each_broken_link_is_reported_with_file_line_and_column()
    {
        var readme = _fixture.Write("README.md", "# Title\n\nText [gone](docs/gone.md) and\nmore [anchor](docs/setup.md#nope).\n", inEvidence: false);
        _fixture.Write("docs/setup.md", "# Setup\n", inEvidence: false);

        var result = await _fixture.Evaluate(Check("README.md"));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(
            [
                "README.md(3,6): link to docs/gone.md: docs/gone.md does not exist",
                "README.md(4,6): link to docs/setup.md#nope: no heading or anchor #nope in setup.md",
            ],
            result.Findings.Select(f => f.Message));
        Assert.Equal(new SourcePosition(readme, 3, 6), result.Findings[0].Position);
    }

    [Fact]
    public async Task A_broken_same_file_anchor_fails()
    {
        _fixture.Write("README.md", "# Title\n\n[x](#missing)\n", inEvidence: false);

        var result = await _fixture.Evaluate(Check("README.md"));

        Assert.Equal(Outcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_fails()
    {
        var result = await _fixture.Evaluate(Check("docs/**/*.md"));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal("no file matches docs/**/*.md", result.Message);
    }

    [Theory]
    [InlineData("Install the tool", "install-the-tool")]
    [InlineData("What's new? (v2)", "whats-new-v2")]
    [InlineData("API: `run` --flags", "api-run---flags")]
    [InlineData("Ünïcode Heading_1", "ünïcode-heading_1")]
    public async Task Anchors_follow_github_heading_slugs(string heading, string slug)
    {
        _fixture.Write("README.md", $"# {heading}\n\n[x](#{slug})\n", inEvidence: false);

        var result = await _fixture.Evaluate(Check("README.md"));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }
}

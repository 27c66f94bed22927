using System.Text;
using RunGates.GitHub.CheckRuns;

namespace RunGates.GitHub.Tests.CheckRuns;

public sealed class GitHubTextTests
{
    [Fact]
    public void Text_within_the_limits_is_unchanged()
    {
        Assert.Equal("short", GitHubText.Cut("short", 255));
    }

    [Fact]
    public void Cutting_by_characters_never_splits_a_surrogate_pair()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 200)); // 400 UTF-16 units

        var cut = GitHubText.Cut(emoji, GitHubText.MaxAnnotationTitleChars);

        Assert.True(cut.Length <= GitHubText.MaxAnnotationTitleChars);
        Assert.EndsWith("😀…", cut, StringComparison.Ordinal);
        Assert.Equal(cut, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut)));
    }

    [Fact]
    public void Cutting_by_bytes_ends_on_a_whole_utf8_character_with_the_marker()
    {
        var text = new string('é', 40_000); // 80,000 UTF-8 bytes

        var cut = GitHubText.Cut(text, int.MaxValue, GitHubText.MaxAnnotationMessageBytes, marker: " [cut]");

        var bytes = Encoding.UTF8.GetByteCount(cut);
        Assert.InRange(bytes, GitHubText.MaxAnnotationMessageBytes - 2, GitHubText.MaxAnnotationMessageBytes);
        Assert.EndsWith("é [cut]", cut, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', cut);
    }

    [Fact]
    public void A_marker_longer_than_the_limit_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GitHubText.Cut(new string('x', 10), 3, marker: "[too long]"));
    }
}

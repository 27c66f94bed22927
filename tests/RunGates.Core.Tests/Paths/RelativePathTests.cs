using RunGates.Core.Paths;

namespace RunGates.Core.Tests.Paths;

/// <summary>The paths here name nothing on disk: the answers come from the names alone.</summary>
public sealed class RelativePathTests
{
    private static readonly string Root = Path.GetPathRoot(Path.GetTempPath())!;

    private static string Full(string relative) => Path.Combine(Root, "rungates-paths", relative);

    [Fact]
    public void A_path_below_the_folder_is_relative_with_slashes()
    {
        Assert.Equal("c", RelativePath.Below(Full("a/b"), Full("a/b/c")));
        Assert.Equal("c/d.json", RelativePath.Below(Full("a/b"), Path.Combine(Full("a/b"), "c", "d.json")));
    }

    [Fact]
    public void The_folder_itself_is_not_below_it_unless_asked_for()
    {
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a/b")));
        Assert.Equal("", RelativePath.AtOrBelow(Full("a/b"), Full("a/b")));
        Assert.Equal(".", RelativePath.Shown(Full("a/b"), Full("a/b")));
    }

    [Fact]
    public void A_path_outside_has_no_relative_form_and_never_climbs()
    {
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a")));
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a/c/d")));
        Assert.Null(RelativePath.AtOrBelow(Full("a/b"), Full("x")));
        Assert.Equal(Full("a/c/d"), RelativePath.Shown(Full("a/b"), Full("a/c/d")));
    }

    [Fact]
    public void A_sibling_sharing_the_folders_name_as_prefix_is_outside()
    {
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a/bc")));
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a/bc/d")));
    }

    [Fact]
    public void A_name_that_merely_starts_with_two_dots_is_below()
    {
        Assert.Equal("..c", RelativePath.Below(Full("a/b"), Full("a/b/..c")));
        Assert.Equal("..c", RelativePath.Shown(Full("a/b"), Full("a/b/..c")));
    }

    [Fact]
    public void Trailing_separators_on_either_side_change_nothing()
    {
        var slash = Path.DirectorySeparatorChar;
        Assert.Equal("c", RelativePath.Below(Full("a/b") + slash, Full("a/b/c")));
        Assert.Equal("c", RelativePath.Below(Full("a/b"), Full("a/b/c") + slash));
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a/b") + slash));
        Assert.Equal("", RelativePath.AtOrBelow(Full("a/b") + slash, Full("a/b") + slash));
    }

    [Fact]
    public void Dot_and_dot_dot_segments_are_folded_before_comparing()
    {
        Assert.Equal("d", RelativePath.Below(Full("a/b"), Full("a/b/c/../d")));
        Assert.Equal("c/d", RelativePath.Below(Full("a/x/../b"), Full("a/b/./c/d")));
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a/b/../bc")));
        Assert.Null(RelativePath.Below(Full("a/b"), Full("a/b/c/../..")));
    }

    [Fact]
    public void Relative_inputs_are_taken_against_the_current_directory()
    {
        Assert.Equal("c/d", RelativePath.Below("a/b", "a/b/c/d"));
        Assert.Equal("c", RelativePath.Below(Path.GetFullPath("a/b"), "a/b/c"));
        Assert.Null(RelativePath.Below("a/b", "a/bc"));
        Assert.Null(RelativePath.Below("a/b", "a/b/../c"));
    }

    [Fact]
    public void Every_path_is_below_the_file_systems_root()
    {
        Assert.Equal("rungates-paths/a", RelativePath.Below(Root, Full("a")));
    }

    [Fact]
    public void Case_counts_where_the_file_system_tells_names_apart_by_case()
    {
        var below = RelativePath.Below(Full("a/b"), Full("a/B/c"));
        if (OperatingSystem.IsLinux())
        {
            Assert.Null(below);
        }
        else
        {
            Assert.Equal("c", below);
        }
    }

    [Fact]
    public void A_backslash_is_a_separator_only_where_the_platform_says_so()
    {
        var below = RelativePath.Below(Full("a"), Full("a") + "/b\\c");
        Assert.Equal(Path.DirectorySeparatorChar == '\\' ? "b/c" : "b\\c", below);
    }
}

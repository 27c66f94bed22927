using System.Diagnostics;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>Hostile trees for the streaming verify: links out of the root that the path checks must see whatever their names' bytes.</summary>
public sealed class AttackVerifyTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose()
    {
        // .NET's recursive delete cannot name files whose names are not UTF-8.
        Shell(Path.GetTempPath(), $"rm -rf '{_tree.Path}'");
        _tree.Dispose();
    }

    [Fact]
    public void A_folder_link_out_of_the_root_whose_name_is_not_utf8_is_refused_and_never_read()
    {
        // root/d<0xFE> -> ../outside; the ledger lists d<0xFE>/secret with the digest of outside/secret.
        Shell(_tree.Path, """
            mkdir -p root outside && echo secret > outside/secret
            ln -s ../outside "root/$(printf 'd\376')"
            printf '%s  %s\n' "$(sha256sum outside/secret | cut -c1-64)" "$(printf 'd\376/secret')" > root/SHA256SUMS
            """);

        var result = LedgerVerifier.Verify(_tree["root/SHA256SUMS"]);

        Assert.Equal(0, result.Verified);
        var refused = Assert.Single(result.Problems);
        Assert.Equal("RG4004", refused.Diagnostic.Code);
        Assert.Equal("d\uDCFE/secret", refused.Path);
    }

    [Fact]
    public void The_same_link_with_a_utf8_name_is_refused()
    {
        // The control: what the test above expects is what a UTF-8 name already gets.
        Shell(_tree.Path, """
            mkdir -p root outside && echo secret > outside/secret
            ln -s ../outside root/d
            printf '%s  d/secret\n' "$(sha256sum outside/secret | cut -c1-64)" > root/SHA256SUMS
            """);

        var result = LedgerVerifier.Verify(_tree["root/SHA256SUMS"]);

        Assert.Equal(0, result.Verified);
        Assert.Equal("RG4004", Assert.Single(result.Problems).Diagnostic.Code);
    }

    private static void Shell(string directory, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = directory, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sh exited {process.ExitCode}: {script}");
    }
}

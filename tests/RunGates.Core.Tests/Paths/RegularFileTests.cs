using System.Diagnostics;
using RunGates.Core.Paths;

namespace RunGates.Core.Tests.Paths;

public sealed class RegularFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rg-regular-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_regular_file_opens_and_reads()
    {
        var path = Path.Combine(_folder, "a.json");
        File.WriteAllText(path, "{}");

        using var handle = RegularFile.TryOpenRead(path, out var problem);

        Assert.Null(problem);
        Assert.NotNull(handle);
        var buffer = new byte[8];
        Assert.Equal(2, RandomAccess.Read(handle, buffer, 0));
    }

    [Fact]
    public void A_folder_is_refused_with_a_sentence()
    {
        using var handle = RegularFile.TryOpenRead(_folder, out var problem);

        Assert.Null(handle);
        Assert.Equal("is a folder, not a file", problem);
    }

    [Fact]
    public async Task A_fifo_with_no_writer_is_refused_without_blocking()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fifo = Path.Combine(_folder, "pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var (handle, problem) = await Task.Run(() => (RegularFile.TryOpenRead(fifo, out var problem), problem)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(handle);
        Assert.Equal("is a named pipe (FIFO), not a regular file", problem);
    }

    [Theory]
    [InlineData("/dev/null", "is a character device, not a regular file")]
    [InlineData("/proc/self/status", "is on the kernel's proc pseudo file system, not a regular file of data")]
    public void Devices_and_proc_files_are_refused(string path, string expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var handle = RegularFile.TryOpenRead(path, out var problem);

        Assert.Null(handle);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void A_missing_file_throws_as_dotnet_does()
    {
        Assert.Throws<FileNotFoundException>(() => RegularFile.TryOpenRead(Path.Combine(_folder, "nope"), out _));
    }

    [Fact]
    public void Proc_is_a_pseudo_file_system_and_a_temp_folder_is_not()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.Equal("is on the kernel's proc pseudo file system, whose files are not data", RegularFile.DescribePseudoFileSystem("/proc/self"));
        Assert.Null(RegularFile.DescribePseudoFileSystem(_folder));
    }

    [Fact]
    public void Without_following_a_link_names_itself_and_nothing_is_opened()
    {
        if (!RegularFile.CanOpenWithoutFollowing)
        {
            return;
        }

        var target = Path.Combine(_folder, "target.json");
        File.WriteAllText(target, "{\"a\": 1}");
        var link = Path.Combine(_folder, "link.json");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(-1, RegularFile.OpenDescriptor(link, followLink: false, out _, out var problem, out var isLink));
        Assert.True(isLink);
        Assert.Null(problem);

        var followed = RegularFile.OpenDescriptor(link, followLink: true, out var size, out problem, out isLink);
        Assert.True(followed >= 0);
        Assert.Equal(8, size);
        Assert.False(isLink);
        var buffer = new byte[16];
        Assert.Equal(8, RegularFile.ReadAt(followed, buffer, 0));
        Assert.Equal(0, RunGates.Core.Ledgers.LinuxFile.Close(followed));
    }

    [Theory]
    [InlineData("/proc/self/status", "is on the kernel's proc pseudo file system, not a regular file of data")]
    [InlineData("/sys/kernel/mm/transparent_hugepage/enabled", "is on the kernel's sysfs pseudo file system, not a regular file of data")]
    [InlineData("/dev/null", "is a character device, not a regular file")]
    public void The_descriptor_open_refuses_what_TryOpenRead_refuses(string path, string expected)
    {
        if (!RegularFile.CanOpenWithoutFollowing || !File.Exists(path))
        {
            return;
        }

        Assert.Equal(-1, RegularFile.OpenDescriptor(path, followLink: false, out _, out var problem, out var isLink));
        Assert.Equal(expected, problem);
        Assert.False(isLink);
    }

    [Fact]
    public void A_regular_file_on_an_anonymous_device_file_system_reads()
    {
        // tmpfs sits on an anonymous device as /proc does: the file system's type, not the device, refuses.
        if (!RegularFile.CanOpenWithoutFollowing || !Directory.Exists("/dev/shm"))
        {
            return;
        }

        var path = Path.Combine("/dev/shm", "rg-regular-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "data");
        try
        {
            var descriptor = RegularFile.OpenDescriptor(path, followLink: false, out var size, out var problem, out _);
            Assert.Null(problem);
            Assert.Equal(4, size);
            Assert.Equal(0, RunGates.Core.Ledgers.LinuxFile.Close(descriptor));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

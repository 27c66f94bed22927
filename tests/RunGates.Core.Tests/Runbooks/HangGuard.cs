namespace RunGates.Core.Tests.Runbooks;

/// <summary>
/// Runs work that, before the YAML limits, hung or took minutes: a generous bound that fails the test instead of the
/// test run hanging. Not a timing assertion: anything linear finishes in a small fraction of it.
/// </summary>
internal static class HangGuard
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static T Run<T>(Func<T> work)
    {
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(Bound), $"still running after {Bound.TotalSeconds} s: the document was not refused in bounded time");
        return task.Result;
    }
}

#:project ../src/GitLabRelease/Build.Release.csproj
// Times GitVersionRunner's warm call (cache hit) in-process: `dotnet run bench/version-warm.cs <repo> [runs]`.
// The first call fills the cache in a temp directory; the next calls are what a build pays per run.
using System.Diagnostics;
using GitLabRelease.Versioning;

var repo = args.Length > 0 ? args[0] : ".";
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
var cache = Directory.CreateTempSubdirectory("version-warm").FullName;
var runner = new GitVersionRunner(Serilog.Core.Logger.None);
var request = new GitVersionRequest(repo) { CacheDirectory = cache };

var cold = Stopwatch.StartNew();
var info = await runner.GetVersionAsync(request);
Console.WriteLine($"cold call (GitVersion runs): {cold.Elapsed.TotalMilliseconds:0} ms -> {info.FullSemVer}");

var times = new List<double>();
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    await runner.GetVersionAsync(request);
    times.Add(watch.Elapsed.TotalMilliseconds);
}
times.Sort();
Console.WriteLine($"warm call (cache hit), {runs} runs: median {times[runs / 2]:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms (first warm call incl. JIT: see max)");
Directory.Delete(cache, recursive: true);

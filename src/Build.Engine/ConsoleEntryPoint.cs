using System.Linq.Expressions;
using System.Runtime.InteropServices;
using Nuke.Common.Output;

namespace Nuke.Common;

/// <summary>
/// The real process around a run: masks Console.Out/Error, turns Ctrl+C and SIGTERM into cancellation (so assured
/// targets and cleanups still run), and returns the exit code.
/// </summary>
internal static class ConsoleEntryPoint
{
    public static int Run<T>(Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        var masker = new SecretMasker();
        var output = new MaskingTextWriter(Console.Out, masker);
        Console.SetOut(output);
        Console.SetError(new MaskingTextWriter(Console.Error, masker));

        using var cancellation = new CancellationTokenSource();
        void OnSignal(PosixSignalContext signal)
        {
            // A second signal terminates at once, in case cleanup hangs.
            if (cancellation.IsCancellationRequested) return;
            signal.Cancel = true;
            cancellation.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var options = new BuildRunOptions
        {
            Arguments = Environment.GetCommandLineArgs().Skip(1).ToArray(),
            Environment = BuildContext.ReadProcessEnvironment(),
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Output = output,
            Secrets = masker,
            CancellationToken = cancellation.Token,
            SetStaticLogger = true,
        };
        var result = BuildRunner.RunAsync(options, defaultTargets).GetAwaiter().GetResult();
        output.Flush();
        return result.ExitCode;
    }
}

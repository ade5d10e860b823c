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
    public const int Terminated = 143;

    public static int Run<T>(Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        var arguments = Environment.GetCommandLineArgs().Skip(1).ToArray();
        var name = StartupProfile.Name(arguments);
        var help = name == StartupProfile.Help;
        var profile = help ? null : StartupProfile.Start(name);
        var masker = new SecretMasker();
        var output = new MaskingTextWriter(Console.Out, masker);
        Console.SetOut(output);
        Console.SetError(new MaskingTextWriter(Console.Error, masker));

        using var cancellation = new CancellationTokenSource();
        PosixSignal? received = null;
        void OnSignal(PosixSignalContext signal)
        {
            // Every signal is absorbed: a second SIGTERM (runners send one, then another) must not skip removing the
            // secrets. The children are ended by the cancellation, cleanups have bounded work, then the process exits.
            signal.Cancel = true;
            if (received is null)
            {
                received = signal.Signal;
                // Said before cancelling, so a job log that ends in 143 says why, and a second signal can be told apart.
                Console.Error.WriteLine($"Received {signal.Signal}: cancelling the build; cleanups still run, then it exits.");
                cancellation.Cancel();
            }
            else
            {
                Console.Error.WriteLine($"Received {signal.Signal} again: still removing secrets and ending child processes, then exiting.");
            }
        }
        // --help has nothing to cancel or clean up, so the signals' default action (ending the process) suits it, and it
        // skips starting the runtime's signal handling (a thread, a pipe).
        using var interrupt = help ? null : PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = help ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var options = new BuildRunOptions
        {
            Arguments = arguments,
            Environment = BuildContext.ReadProcessEnvironment(),
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Output = output,
            Secrets = masker,
            CancellationToken = cancellation.Token,
            SetStaticLogger = true,
            StartupProfile = profile,
        };
        var result = BuildRunner.RunAsync(options, defaultTargets).GetAwaiter().GetResult();
        output.Flush();
        // The shell's convention, 128 + signal number: 130 after Ctrl+C, 143 after SIGTERM.
        return received == PosixSignal.SIGTERM && result.ExitCode == BuildRunner.Cancelled ? Terminated : result.ExitCode;
    }
}

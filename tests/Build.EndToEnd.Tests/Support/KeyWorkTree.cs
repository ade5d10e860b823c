using System.Text;
using Fixtures.Git;

namespace EndToEnd.Tests.Support;

/// <summary>
/// The smallest work tree the deploy-key targets run in: one commit on main (GitVersion needs history), the
/// committed .gitlab-ci.yml (a server build checks it), .nuke/parameters.json and an origin remote that names
/// the GitLab project, so the default encryption context is <c>purpose=gitlab-deploy-key,project=PROJECT</c>.
/// No sshd and no --generate-configuration run: the error rows stay one process each.
/// </summary>
public sealed class KeyWorkTree : IDisposable
{
    private KeyWorkTree(GitRepo repo, string project)
    {
        Repo = repo;
        Project = project;
    }

    public GitRepo Repo { get; }
    public string Project { get; }
    public string Path => Repo.Path;
    public string CiphertextFile => System.IO.Path.Combine(Path, ".nuke", "deploy-key.enc");
    public string ParametersFile => System.IO.Path.Combine(Path, ".nuke", "parameters.json");
    public string DefaultContext => $"purpose=gitlab-deploy-key,project={Project}";

    public IReadOnlyDictionary<string, string> DefaultContextPairs =>
        new Dictionary<string, string> { ["purpose"] = "gitlab-deploy-key", ["project"] = Project };

    /// <param name="ciphertext">Written to .nuke/deploy-key.enc (none when null): base64 text as CreateDeployKey writes it,
    /// or the raw blob when <paramref name="raw"/> (as <c>aws kms encrypt ... | base64 -d</c> would leave it).</param>
    public static KeyWorkTree Create(string project, byte[]? ciphertext = null, bool raw = false)
    {
        var repo = GitRepo.Init();
        try
        {
            Directory.CreateDirectory(System.IO.Path.Combine(repo.Path, ".nuke"));
            repo.WriteFile(".gitignore", ".nuke/temp/\nartifacts/\n");
            repo.WriteFile(".nuke/parameters.json", "{}\n");
            // A pipeline verifies the committed file: with a key, the release job asks for the ID token.
            repo.WriteFile(".gitlab-ci.yml", ciphertext is null ? File.ReadAllText(System.IO.Path.Combine(SourceTree.Root, ".gitlab-ci.yml")) : SourceTree.PipelineWithDeployKey);
            repo.WriteFile("GitVersion.yml", File.ReadAllText(System.IO.Path.Combine(SourceTree.Root, "GitVersion.yml")));
            if (ciphertext is not null && raw) File.WriteAllBytes(System.IO.Path.Combine(repo.Path, ".nuke", "deploy-key.enc"), ciphertext);
            else if (ciphertext is not null) repo.WriteFile(".nuke/deploy-key.enc", Convert.ToBase64String(ciphertext) + "\n");
            repo.Git("add", "-A");
            repo.Commit("Initial commit");
            repo.Git("remote", "add", "origin", $"ssh://git@gitlab.example.test/{project}.git");
            return new KeyWorkTree(repo, project);
        }
        catch
        {
            repo.Dispose();
            throw;
        }
    }

    /// <summary>A default-branch push pipeline of this project; add the AWS variables of the case under test.</summary>
    public BuildProcess Pipeline() => BuildProcess.DefaultBranchPipeline(Path, Repo.Head, Project);

    /// <summary>Every file of the work tree (git objects included) that contains one of <paramref name="secrets"/>.</summary>
    public IReadOnlyList<string> FilesContaining(IEnumerable<string> secrets)
    {
        var needles = secrets.Where(s => s.Length > 0).ToArray();
        return Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Where(file =>
            {
                var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
                return needles.Any(n => text.Contains(n, StringComparison.Ordinal));
            })
            .ToList();
    }

    public void Dispose() => Repo.Dispose();
}

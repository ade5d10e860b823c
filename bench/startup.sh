#!/usr/bin/env bash
# Warm start-up against the runtime's floor, paired in rounds of hyperfine runs (same machine, same moment):
#   floor      `dotnet hello.dll`, a console hello-world built here for the same runtime
#   --help     ./build.sh --help (build.sh's freshness check + the built, ReadyToRun build)
#   Version    ./build.sh Version, warm and cached (GitVersion's result cached, generated files current)
#   tag        the tag pipeline: GITLAB_CI=true CI_COMMIT_TAG=... ./build.sh Tag (every target skipped)
#   release    the release job's start on a fresh checkout with the built build restored, up to its first target
# and prints the median ratios the goals are stated in (--help/floor <= 2.0, Version/--help <= 1.5,
# tag/--help <= 1.2). Usage: bench/startup.sh [extra hyperfine args]; ROUNDS=10 rounds of RUNS=3 by default.
# Needs hyperfine (apt-get install -y hyperfine) and node (for reading hyperfine's JSON).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }
OUT="$ROOT/.nuke/temp/bench"
mkdir -p "$OUT"
# The runner's variables would turn the local runs into server runs.
unset GITLAB_CI CI CI_COMMIT_TAG CI_COMMIT_BRANCH CI_NODE_INDEX CI_NODE_TOTAL

# The floor: the smallest program on the same dotnet build.sh runs the build with.
HELLO="$OUT/hello"
if [[ ! -f "$HELLO/bin/hello.dll" ]]; then
  mkdir -p "$HELLO"
  cat >"$HELLO/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
</Project>
XML
  echo 'Console.WriteLine("Hello, World!");' >"$HELLO/Program.cs"
  # Outside the repository's Directory.Build.props/Packages.props: a plain console app, Release.
  cp "$ROOT/global.json" "$HELLO/" 2>/dev/null || true
  echo '<Project />' >"$HELLO/Directory.Build.props"; echo '<Project />' >"$HELLO/Directory.Packages.props"
  dotnet build "$HELLO/hello.csproj" -c Release -o "$HELLO/bin" --nologo -v quiet >/dev/null
fi

# The release job's start, as far as it is ours: a fresh checkout with .nuke/temp/bin restored from the compile job's
# artifacts (every file new, so build.sh hashes the inputs' content: --prepare drops the stat key it remembered), up to
# the release job's first target (--plan). GitVersion, KMS and the push, what the job is for, are left out. The build
# in it is built as the compile job builds it (CI=true: not ReadyToRun), in the clone, once.
CLONE="$OUT/release-clone"
rm -rf "$CLONE"
git clone -q --no-hardlinks "$ROOT" "$CLONE"
RELEASE_ENV=(GITLAB_CI=true CI_COMMIT_BRANCH=main CI_DEFAULT_BRANCH=main CI_PIPELINE_SOURCE=push "CI_COMMIT_SHA=$(git -C "$CLONE" rev-parse HEAD)")

./build.sh --help --no-logo >/dev/null # warm up: builds the build project once if its inputs changed
./build.sh Version --no-logo >/dev/null # fills GitVersion's cache and refreshes the generated files
DOTNET=$(head -n 1 .nuke/temp/bin/_build.stamp)
(cd "$CLONE" && CI=true ./build.sh --help --no-logo >/dev/null 2>&1)
(cd "$CLONE" && env "${RELEASE_ENV[@]}" ./build.sh Tag --skip Restore Compile Test --plan --no-logo >/dev/null)

# In rounds: this machine's speed drifts by tens of percent within a minute (a shared VM), and one hyperfine run times
# all runs of one command before the next, so a drift between commands would pass for a difference between them. Each
# round times every command a few times; a ratio is taken within each round, and the median over rounds is reported.
ROUNDS=${ROUNDS:-10}
rm -f "$OUT"/round-*.json
for round in $(seq 1 "$ROUNDS"); do
  hyperfine -N --warmup 1 --runs "${RUNS:-3}" --style none --export-json "$OUT/round-$round.json" "$@" \
    --command-name "floor: dotnet hello.dll" "$DOTNET $HELLO/bin/hello.dll" \
    --command-name "./build.sh --help (warm)" "./build.sh --help --no-logo" \
    --command-name "./build.sh Version (warm, cached)" "./build.sh Version --no-logo" \
    --command-name "tag pipeline: ./build.sh Tag (all skipped)" \
        "env GITLAB_CI=true CI_COMMIT_TAG=v9.9.9 CI_COMMIT_SHA=0000000 ./build.sh Tag --no-logo" \
    --command-name "release job start: fresh checkout, restored build, ./build.sh Tag --plan" \
        --prepare "rm -f $CLONE/.nuke/temp/bin/_build.statkey" \
        "env ${RELEASE_ENV[*]} $CLONE/build.sh Tag --skip Restore Compile Test --plan --no-logo --root $CLONE" >/dev/null
done
node -e '
  const fs = require("fs"), dir = process.argv[1], rounds = Number(process.argv[2]);
  const median = xs => { const s = [...xs].sort((a, b) => a - b), n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
  const runs = [...Array(rounds).keys()].map(i => JSON.parse(fs.readFileSync(`${dir}/round-${i + 1}.json`)).results);
  const names = runs[0].map(x => x.command);
  const all = i => runs.flatMap(r => r[i].times.map(t => t * 1000));
  const cpu = i => median(runs.map(r => (r[i].user + r[i].system) * 1000));
  console.log(`${rounds} rounds of ${runs[0][0].times.length} runs each`);
  console.log("| what | median | user+sys (median of rounds) |\n|---|---|---|");
  names.forEach((name, i) => console.log(`| ${name} | ${median(all(i)).toFixed(1)} ms | ${cpu(i).toFixed(1)} ms |`));
  const ratio = (a, b) => median(runs.map(r => r[a].median / r[b].median));
  const line = (name, value, goal) => console.log(`${name}: ${value.toFixed(2)}x (goal <= ${goal}x) ${value <= goal ? "met" : "NOT met"}`);
  line("--help / floor", ratio(1, 0), 2.0);
  line("Version / --help", ratio(2, 1), 1.5);
  line("tag pipeline / --help", ratio(3, 1), 1.2);
  console.log(`release job start: ${median(all(4)).toFixed(0)} ms of the release job overhead (goal for all of it <= 3000 ms)`);
' "$OUT" "$ROUNDS"

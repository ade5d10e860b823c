#!/usr/bin/env bash
# Warm start-up against the runtime's floor, paired in one hyperfine run (same machine, same moment):
#   floor      `dotnet hello.dll`, a console hello-world built here for the same runtime
#   --help     ./build.sh --help (build.sh's freshness check + the built, ReadyToRun build)
#   Version    ./build.sh Version, warm and cached (GitVersion's result cached, generated files current)
#   tag        the tag pipeline: GITLAB_CI=true CI_COMMIT_TAG=... ./build.sh Tag (every target skipped)
# and prints the median ratios the goals are stated in (--help/floor <= 2.0, Version/--help <= 1.5,
# tag/--help <= 1.2). Usage: bench/startup.sh [extra hyperfine args]; RUNS=30 by default.
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

./build.sh --help --no-logo >/dev/null # warm up: builds the build project once if its inputs changed
./build.sh Version --no-logo >/dev/null # fills GitVersion's cache and refreshes the generated files
DOTNET=$(head -n 1 .nuke/temp/bin/_build.stamp)

hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-markdown "$OUT/startup.md" --export-json "$OUT/startup.json" "$@" \
  --command-name "floor: dotnet hello.dll" "$DOTNET $HELLO/bin/hello.dll" \
  --command-name "./build.sh --help (warm)" "./build.sh --help --no-logo" \
  --command-name "./build.sh Version (warm, cached)" "./build.sh Version --no-logo" \
  --command-name "tag pipeline: ./build.sh Tag (all skipped)" \
      "env GITLAB_CI=true CI_COMMIT_TAG=v9.9.9 CI_COMMIT_SHA=0000000 ./build.sh Tag --no-logo"
cat "$OUT/startup.md"
node -e '
  const r = require(process.argv[1]).results, m = i => r[i].median * 1000;
  for (const x of r) console.log(`median ${(x.median * 1000).toFixed(1)} ms  user+sys ${((x.user + x.system) * 1000).toFixed(1)} ms  ${x.command}`);
  const line = (name, value, goal) => console.log(`${name}: ${value.toFixed(2)}x (goal <= ${goal}x) ${value <= goal ? "met" : "NOT met"}`);
  line("--help / floor", m(1) / m(0), 2.0);
  line("Version / --help", m(2) / m(1), 1.5);
  line("tag pipeline / --help", m(3) / m(1), 1.2);
' "$OUT/startup.json"

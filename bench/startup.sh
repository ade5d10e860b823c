#!/usr/bin/env bash
# Warm start of the build: our bootstrap (build.sh, which runs the already-built build when nothing changed)
# against the Nuke-style bootstrap (dotnet build of the build project, then dotnet run --no-build).
# Usage: bench/startup.sh [extra hyperfine args]; needs hyperfine (apt-get install hyperfine).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }

./build.sh --help --no-logo >/dev/null # warm up: builds the build project once
dotnet build build/_build.csproj --nologo -v quiet >/dev/null

hyperfine --warmup 3 --runs "${RUNS:-20}" --export-markdown "$ROOT/.nuke/temp/bench-startup.md" \
  --export-json "$ROOT/.nuke/temp/bench-startup.json" "$@" \
  --command-name "./build.sh --help (warm)" "./build.sh --help --no-logo" \
  --command-name "GITLAB_CI=true CI_COMMIT_TAG=v9.9.9 ./build.sh Tag (tag pipeline)" \
      "env GITLAB_CI=true CI_COMMIT_TAG=v9.9.9 CI_COMMIT_SHA=0000000 ./build.sh Tag --no-logo" \
  --command-name "Nuke-style: dotnet build + dotnet run --no-build -- --help" \
      "dotnet build build/_build.csproj --nologo -v quiet && dotnet run --project build/_build.csproj --no-build -- --help --no-logo"
cat "$ROOT/.nuke/temp/bench-startup.md"
# The goal is stated on medians: print them, and our median as a fraction of the Nuke-style one.
node -e '
  const r = require(process.argv[1]).results;
  for (const x of r) console.log(`median ${(x.median * 1000).toFixed(1)} ms  ${x.command}`);
  console.log(`ratio (warm --help / Nuke-style): ${(r[0].median / r[2].median).toFixed(3)}`);
' "$ROOT/.nuke/temp/bench-startup.json"

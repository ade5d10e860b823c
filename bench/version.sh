#!/usr/bin/env bash
# Benchmarks version computation on synthetic repositories (1k and 10k commits on main, a tag every
# 100 commits), built with `git fast-import`. Compares in one hyperfine run per repository:
#   GitVersion /nocache (what Nuke does on every build), GitVersion with its own cache,
#   the cache key's git fallback (two git calls, used for worktrees/reftable), and `git describe --tags`;
#   then times the runner's real warm call in-process with bench/version-warm.cs (a file-based app:
#   `dotnet run bench/version-warm.cs <repo>`), which on a plain .git layout reads ref files and starts no process.
# Usage: bench/version.sh [sizes...]   (default: 1000 10000). Results: stdout + $OUT/*.md
# Needs: git, dotnet, hyperfine (apt-get install -y hyperfine), GitVersion.MsBuild 6.8.2 restored.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZES=("${@:-1000 10000}"); read -r -a SIZES <<< "${SIZES[*]}"
OUT="${OUT:-$(mktemp -d /tmp/version-bench.XXXXXX)}"
PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
GITVERSION="$PACKAGES/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll"

command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install -y hyperfine" >&2; exit 1; }
[ -f "$GITVERSION" ] || { echo "GitVersion missing at $GITVERSION: run ./build.sh Restore (or dotnet restore build/_build.csproj)" >&2; exit 1; }

# Strip CI variables so GitVersion runs as on a developer machine (no build-agent normalisation).
unset GITLAB_CI CI_COMMIT_REF_NAME CI_COMMIT_BRANCH CI_COMMIT_TAG CI_MERGE_REQUEST_REF_PATH GITHUB_ACTIONS TF_BUILD

make_repo() { # $1 = number of commits, $2 = directory
  local commits=$1 dir=$2
  rm -rf "$dir" && git init -q -b main "$dir"
  awk -v n="$commits" -v config="$(cat "$ROOT/GitVersion.yml")" 'BEGIN {
    t = 1700000000
    for (i = 1; i <= n; i++) {
      print "commit refs/heads/main"; print "mark :" i
      print "author Bench <bench@example.invalid> " (t + i * 60) " +0000"
      print "committer Bench <bench@example.invalid> " (t + i * 60) " +0000"
      msg = "commit " i; print "data " length(msg); print msg
      if (i == 1) { print "M 644 inline GitVersion.yml"; print "data " length(config) + 1; print config }
      else { f = "file" (i % 50) ".txt"; c = "line " i; print "M 644 inline " f; print "data " length(c) + 1; print c }
      print ""
      if (i % 100 == 0) { print "reset refs/tags/v0." (i / 100) ".0"; print "from :" i; print "" }
    }
  }' | git -C "$dir" fast-import --quiet
  git -C "$dir" checkout -q -f main
}

# The cache key's git fallback (worktrees, reftable): these two git processes, run concurrently, then a
# SHA-256 over their output plus GitVersion.yml. On a plain .git layout the runner reads the ref files instead.
WARM_KEY='git rev-parse --show-toplevel --is-shallow-repository HEAD --symbolic-full-name HEAD >/dev/null && git for-each-ref "--format=%(objectname) %(refname)" >/dev/null'

for size in "${SIZES[@]}"; do
  repo="$OUT/repo-$size"
  echo "== building $size-commit repository in $repo"
  make_repo "$size" "$repo"
  echo "   $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" tag | wc -l) tags, GitVersion says $(dotnet "$GITVERSION" "$repo" /output json /nocache /showvariable FullSemVer)"

  commands=(
    -n "gitversion /nocache"   "dotnet '$GITVERSION' '$repo' /output json /nonormalize /nocache"
    -n "gitversion (own cache)" "dotnet '$GITVERSION' '$repo' /output json /nonormalize"
    -n "cache key via git (fallback: 2 git calls)" "cd '$repo' && $WARM_KEY"
    -n "git describe --tags"    "git -C '$repo' describe --tags"
  )
  # ENABLE ME once the build has its Version target: the full warm call through the build (cache hit).
  if [ "${BENCH_BUILD_VERSION:-1}" = 1 ] && [ -x "$ROOT/build.sh" ]; then
    "$ROOT/build.sh" Version --root "$repo" --no-logo >/dev/null  # fills the cache
    commands+=(-n "./build.sh Version (warm)" "'$ROOT/build.sh' Version --root '$repo' --no-logo")
  fi

  hyperfine --style basic --warmup 1 --min-runs 3 --max-runs 30 \
    --export-markdown "$OUT/bench-$size.md" "${commands[@]}"
  cat "$OUT/bench-$size.md"
  # The real warm call, in-process (GitVersionRunner with a cache hit), without dotnet's start-up time.
  dotnet run "$ROOT/bench/version-warm.cs" "$repo" 30 | tee -a "$OUT/bench-$size.md"
done
echo "results in $OUT"

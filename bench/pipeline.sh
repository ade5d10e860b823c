#!/usr/bin/env bash
# The generated pipeline against a minimal hand-written one doing the same test work, both run by gitlab-ci-local's
# shell executor (one directory per job, artifacts passed as GitLab does) on fresh clones of HEAD, in the same run:
#   ours          .gitlab-ci.yml's compile job and its (sharded) test job: ./build.sh Compile, ./build.sh Test
#   hand-written  one job: dotnet test App.sln (restore, build and test)
# Reports wall and CPU (user+sys of gitlab-ci-local and every process it started) time of each, and the ratio
# (goal: ours <= 1.1x). The release job is left out of both: it needs AWS and a GitLab to push to (see README).
# Usage: bench/pipeline.sh; needs gitlab-ci-local ($GITLAB_CI_LOCAL or tests/tools/install-gitlab-ci-local.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GCL="${GITLAB_CI_LOCAL:-$ROOT/.nuke/temp/tools/bin/gitlab-ci-local}"
[[ -x "$GCL" ]] || { echo "gitlab-ci-local missing at $GCL: run tests/tools/install-gitlab-ci-local.sh" >&2; exit 1; }
WORK="$(mktemp -d /tmp/pipeline-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
unset GITLAB_CI CI CI_COMMIT_TAG CI_COMMIT_BRANCH CI_NODE_INDEX CI_NODE_TOTAL
# Both pipelines share the machine's package folder: restore from the network is not what is compared.
PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

clone() { # $1 = directory
  git clone -q --no-hardlinks "file://$ROOT" "$1"
  git -C "$1" remote set-url origin ssh://git@127.0.0.1:2222/bench/app.git
  git -C "$1" update-ref refs/remotes/origin/main HEAD
  git -C "$1" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main
}

run() { # $1 = name, $2 = directory, rest = gitlab-ci-local arguments; prints "name wall user sys"
  local name=$1 dir=$2; shift 2
  local start end t0 t1
  t0=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat) # own + waited-for children's CPU ticks
  start=$(date +%s.%N)
  (cd "$dir" && NO_COLOR=1 "$GCL" --home "$WORK/home" --force-shell-executor --shell-isolation \
    --variable GITLAB_CI=true --ignore-predefined-vars GITLAB_CI --variable "NUGET_PACKAGES=$PACKAGES" "$@" >"$WORK/$name.log" 2>&1) \
    || { tail -40 "$WORK/$name.log" >&2; echo "$name failed" >&2; exit 1; }
  end=$(date +%s.%N)
  t1=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
  echo "$name $(echo "$end - $start" | bc) $(echo "($t1 - $t0) / $(getconf CLK_TCK)" | bc -l)"
}

clone "$WORK/ours"
clone "$WORK/hand"
cat >"$WORK/hand/.gitlab-ci.yml" <<'YAML'
variables:
  GIT_DEPTH: "0"
test:
  script:
    - dotnet test App.sln -c Release --nologo
YAML
git -C "$WORK/hand" -c user.name=bench -c user.email=bench@example.com commit -qam "hand-written pipeline"

mkdir -p "$WORK/home"
ours=$(run ours "$WORK/ours" --needs test)
hand=$(run hand "$WORK/hand" test)
echo "pipeline      wall s   cpu s"
printf '%-12s %7.1f %7.1f\n' $ours | sed 's/^/  /'
printf '%-12s %7.1f %7.1f\n' $hand | sed 's/^/  /'
read -r _ ow oc <<<"$ours"; read -r _ hw hc <<<"$hand"
echo "ratio ours/hand-written: wall $(echo "scale=2; $ow / $hw" | bc)x, cpu $(echo "scale=2; $oc / $hc" | bc)x (goal <= 1.1x)"

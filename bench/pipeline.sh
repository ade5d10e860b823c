#!/usr/bin/env bash
# The generated pipeline against a minimal hand-written one doing the same test work, both run by gitlab-ci-local's
# shell executor (one directory per job, artifacts passed as GitLab does) on fresh clones of HEAD, in the same run:
#   ours          .gitlab-ci.yml's compile job, its test job's two parallel copies (parallel: 2) and the
#                 test-durations job: ./build.sh Compile, then ./build.sh Test --skip Restore Compile on the compile
#                 job's artifacts; twice in one clone: the first pipeline (an empty cache, so the copies split by
#                 numbers of tests), then the next one (the test-durations cache the first left, as every later
#                 pipeline of a project has: the copies split by the last durations)
#   hand-written  one job: dotnet test App.sln -c Release, with TRX results and Cobertura coverage of the product
#                 assemblies, as ours collects them (the same runsettings), so both do the same test work
# Reports the wall time each pipeline would take on GitLab, with a runner of this machine's size per job (the jobs
# run one at a time, each with the whole machine; see pipeline_wall), and the CPU time (user+sys of gitlab-ci-local
# and of every process it started, the copies included) of each, the tests each ran, and the ratios of both of ours
# to the hand-written one (goal: ours <= 1.1x). GitLab's own start of each job (image, checkout, cache and artifact
# transfer) is not in them: ours has four jobs where the hand-written pipeline has one.
#
# What both leave out, and why:
# - tests/Build.EndToEnd.Tests: each clone commits its removal from App.sln (dotnet sln remove), so both compile and
#   test the same projects; the end-to-end tests start their own peers (the built build as a child process, sshd,
#   moto and the KMS/STS and GitLab emulators, gitlab-ci-local inside this gitlab-ci-local job) and would add the
#   same 6-8 minutes to both sides.
# - the release job: it needs the peers a release talks to (a GitLab to push the tag to and create the Release in
#   and, when the deploy key is used, AWS KMS, reached with the job's OIDC ID token through STS, to decrypt it); the
#   end-to-end tests cover it.
# The compiler server is on, as the SDK has it by default and as a GitLab job uses it (the builds of one job, such as
# ours' build project and solution in the compile job, share one; the job's container ends it). Here each pipeline
# runs under a child subreaper (perl, prctl PR_SET_CHILD_SUBREAPER) that ends the servers with
# `dotnet build-server shutdown` when the pipeline is done and waits for every process it started, so the servers'
# CPU time is counted and neither pipeline hands the other a warm compiler. MSBuild's node reuse and its server stay
# off: they would only outlive the build that started them.
# TMPDIR points into the bench's directory, so what the jobs leave there (the code coverage collector leaves about a
# hundred files per test project) goes with it. --no-artifacts-to-source: GitLab does not copy a job's artifacts back
# into the project directory, as gitlab-ci-local does by default.
# The remaining test projects need what .ci/run installs (sshd, moto_server, gitlab-ci-local): the jobs run with
# CI=true, where a missing tool fails its tests.
#
# Usage: [ROUNDS=n] [BENCH_LOGS=<dir>] bench/pipeline.sh: about 5 minutes of both cores per round (default 1 round), so
# run it on a quiet machine. Needs git, perl (any Debian has perl-base),
# awk and gitlab-ci-local ($GITLAB_CI_LOCAL, else .nuke/temp/tools/bin/gitlab-ci-local, which
# tests/tools/install-gitlab-ci-local.sh and .ci/run install).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GCL="${GITLAB_CI_LOCAL:-$ROOT/.nuke/temp/tools/bin/gitlab-ci-local}"
[[ -x "$GCL" ]] || { echo "gitlab-ci-local missing at $GCL: run tests/tools/install-gitlab-ci-local.sh" >&2; exit 1; }
GCL="$(cd "$(dirname "$GCL")" && pwd)/$(basename "$GCL")" # absolute: the GitLab tests inside the jobs start it too
WORK="$(mktemp -d /tmp/pipeline-bench.XXXXXX)"
# BENCH_LOGS=<dir> keeps the pipelines' logs (ours-<round>.log, ours-<round>-next.log, hand-<round>.log) there;
# everything else goes.
trap '[[ -z "${BENCH_LOGS:-}" ]] || { mkdir -p "$BENCH_LOGS" && cp "$WORK"/*.log "$BENCH_LOGS"/ 2>/dev/null; }; rm -rf "$WORK"' EXIT
mkdir "$WORK/tmp"
export TMPDIR="$WORK/tmp"
unset GITLAB_CI CI CI_COMMIT_TAG CI_COMMIT_BRANCH CI_NODE_INDEX CI_NODE_TOTAL
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
unset UseSharedCompilation
# Both pipelines share the machine's package folder: restore from the network is not what is compared.
PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
E2E=tests/Build.EndToEnd.Tests/Build.EndToEnd.Tests.csproj

commit() { git -C "$1" -c user.name=bench -c user.email=bench@example.com commit -qam "$2"; }

clone() { # $1 = directory
  git clone -q --no-hardlinks "file://$ROOT" "$1"
  git -C "$1" remote set-url origin ssh://git@127.0.0.1:2222/bench/app.git
  git -C "$1" update-ref refs/remotes/origin/main HEAD
  git -C "$1" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main
  (cd "$1" && dotnet sln App.sln remove "$E2E" >/dev/null)
  commit "$1" "bench: App.sln without the end-to-end tests"
}

# Runs "$@", then ends the build servers it left, and returns once every process it started has exited: orphans
# are re-parented to this subreaper and waited for, so their CPU time reaches the caller's children's times.
reaped() {
  perl -e '
    use POSIX ();
    my %prctl = (x86_64 => 157, aarch64 => 167);
    my $nr = $prctl{(POSIX::uname())[4]} // die "bench/pipeline.sh: no prctl syscall number for this machine\n";
    syscall($nr, 36, 1, 0, 0, 0) == 0 or die "prctl(PR_SET_CHILD_SUBREAPER): $!\n";
    my $pid = fork() // die "fork: $!\n";
    if (!$pid) { exec(@ARGV) or die "exec $ARGV[0]: $!\n" }
    waitpid($pid, 0);
    my $rc = $? >> 8;
    system("dotnet", "build-server", "shutdown") == 0 or warn "dotnet build-server shutdown failed\n";
    1 while wait() != -1;
    exit $rc;
  ' "$@"
}

# CPU ticks of a process and of its waited-for descendants (utime stime cutime cstime, after "pid (comm) ").
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"; }

# The pipeline's wall time on GitLab, where each job gets a runner of its own: the longest chain of its jobs' own
# times, from gitlab-ci-local's "<job> finished in <n> ms|s|min" lines. The jobs here run one after another
# (--concurrency 1), each with the whole machine, as each would have its runner's; the parallel copies of a job
# ("<job>: [i/N]") run at once on GitLab, so only the longest counts. The stages follow each other (needs: chains them).
pipeline_wall() { # $1 = log; prints seconds
  awk '
    function seconds(n, unit) { return unit == "ms" ? n / 1000 : unit == "min" ? n * 60 : n }
    /^[^ >]+( \[[0-9]+\/[0-9]+\])? +finished in [0-9.]+ (ms|s|min)$/ {
      job = $1; sub(/:$/, "", job); t = seconds($(NF - 1), $NF)
      if (job == "pipeline") next
      if (!(job in longest)) order[++jobs] = job
      if (t > longest[job]) longest[job] = t
    }
    END { for (i = 1; i <= jobs; i++) total += longest[order[i]]; printf "%.1f\n", total }' "$1"
}

run() { # $1 = name, $2 = directory, rest = gitlab-ci-local arguments; prints "name wall cpu" in seconds
  local name=$1 dir=$2; shift 2
  # This shell (a command substitution's subshell, not $$) is the one that waits for gitlab-ci-local.
  local me=$BASHPID t0 t1
  t0=$(ticks "$me")
  (cd "$dir" && NO_COLOR=1 reaped "$GCL" --home "$WORK/home" --concurrency 1 \
    --force-shell-executor --shell-isolation --no-artifacts-to-source \
    --variable GITLAB_CI=true --ignore-predefined-vars GITLAB_CI --variable "NUGET_PACKAGES=$PACKAGES" \
    --variable "GITLAB_CI_LOCAL=$GCL" "$@" >"$WORK/$name.log" 2>&1) \
    || { tail -60 "$WORK/$name.log" >&2; echo "$name pipeline failed (log above)" >&2; return 1; }
  t1=$(ticks "$me")
  awk -v n="$name" -v w="$(pipeline_wall "$WORK/$name.log")" -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%s %.1f %.1f\n", n, w, (b - a) / hz }'
}

# Tests run, from dotnet test's summary lines ("Passed!  - Failed: 0, Passed: 57, Skipped: 0, Total: 57, ..."),
# which the logs hold, one per test run of a project: "total passed failed skipped runs".
tests_run() {
  grep -oE '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+, Total: +[0-9]+' "$1" | awk -F'[:,]' '
    { failed += $2; passed += $4; skipped += $6; total += $8; projects++ }
    END { printf "%d %d %d %d %d\n", total, passed, failed, skipped, projects }'
}

# The hand-written pipeline collects coverage with the settings ours wrote for its test runs (taken from ours' test
# job, not copied into this script, so both stay the same work when src/Build.Engine/DotNet/CoverageSettings.cs changes).
SETTINGS="$WORK/coverage.runsettings"

shards_ran() { # $1 = log, $2 = what the split must say it was weighed by
  local shard
  for shard in 1/2 2/2; do
    grep -q "Test shard $shard: .*; $2" "$1" \
      || { echo "test shard $shard did not run, or not $2 (BENCH_LOGS=<dir> keeps the log)" >&2; return 1; }
  done
}

run_ours() { # $1 = round; prints "name wall cpu" for the first pipeline, then for the next
  local name="ours-$1" dir="$WORK/ours-$1"
  clone "$dir"
  run "$name" "$dir" --needs test-durations
  shards_ran "$WORK/$name.log" "weighed by their numbers of tests"
  [[ -d "$dir/.gitlab-ci-local/cache/test-durations" ]] \
    || { echo "the test-durations job stored no cache (BENCH_LOGS=<dir> keeps the log)" >&2; return 1; }
  if [[ ! -f "$SETTINGS" ]]; then
    local settings
    settings=$(find "$dir/.gitlab-ci-local/builds" -path '*/test-results/raw/*/coverage.runsettings' -print -quit)
    [[ -n "$settings" ]] || { echo "ours' test job wrote no coverage.runsettings (BENCH_LOGS=<dir> keeps the log)" >&2; return 1; }
    cp "$settings" "$SETTINGS"
  fi
  # The next pipeline: new job directories, the caches kept.
  rm -rf "$dir/.gitlab-ci-local/builds"
  run "$name-next" "$dir" --needs test-durations
  shards_ran "$WORK/$name-next.log" "weighed by the last run's durations"
  rm -rf "$dir"
}

run_hand() { # $1 = round; prints "name wall cpu"
  local name="hand-$1" dir="$WORK/hand-$1"
  clone "$dir"
  cp "$SETTINGS" "$dir/coverage.runsettings"
  cat >"$dir/.gitlab-ci.yml" <<'YAML'
variables:
  GIT_DEPTH: "0"
test:
  script:
    - dotnet test App.sln -c Release --nologo --logger trx --settings coverage.runsettings
      --results-directory artifacts/test-results
YAML
  git -C "$dir" add coverage.runsettings
  commit "$dir" "hand-written pipeline"
  run "$name" "$dir" test
  rm -rf "$dir"
}

# In rounds, alternating which pipeline goes first (ours first in odd rounds: its test job writes the coverage settings
# the hand-written one reuses): this VM's speed drifts by tens of percent within minutes, which one fixed order would
# count against the pipeline that runs second. Each round's ratios are taken within the round; the medians are printed.
ROUNDS=${ROUNDS:-1}
mkdir -p "$WORK/home"
load_start=$(cut -d' ' -f1 /proc/loadavg)
results=()
for round in $(seq 1 "$ROUNDS"); do
  if ((round % 2)); then
    echo "Round $round/$ROUNDS: the generated pipeline (compile, test [1/2], test [2/2]), then the hand-written one..." >&2
    ours=$(run_ours "$round"); hand=$(run_hand "$round")
  else
    echo "Round $round/$ROUNDS: the hand-written pipeline, then the generated one (twice)..." >&2
    hand=$(run_hand "$round"); ours=$(run_ours "$round")
  fi
  { read -r _ ow oc; read -r _ nw nc; } <<<"$ours"
  read -r _ hw hc <<<"$hand"
  read -r ht hp hf hs hpr <<<"$(tests_run "$WORK/hand-$round.log")"
  for log in "ours-$round" "ours-$round-next"; do
    read -r ot op of os opr <<<"$(tests_run "$WORK/$log.log")"
    # Only the totals: a project split between the copies is two test runs.
    if [[ "$ot" != "$ht" ]]; then
      echo "warning: $log ran $ot tests, hand-$round $ht: its ratios compare different work" >&2
    fi
  done
  results+=("$round $ow $oc $nw $nc $hw $hc $ht $hp $hf $hs $hpr")
done

# Wall time suffers from other work on the machine, CPU time much less: the load says which figures to trust.
echo "machine load (1-minute average): $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end ($(nproc) cores)"
printf '%s\n' "${results[@]}" | awk '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  BEGIN { print "round   ours, first pipeline   ours, next pipeline   hand-written      ratio first     ratio next      hand-written tests"
          print "        wall / cpu s           wall / cpu s          wall / cpu s      wall   cpu      wall   cpu      (passed/failed/skipped, projects)" }
  { n++; fw[n] = $2 / $6; fc[n] = $3 / $7; nw[n] = $4 / $6; nc[n] = $5 / $7
    printf "  %-4d  %6.1f / %6.1f        %6.1f / %6.1f       %6.1f / %6.1f   %5.2fx %5.2fx   %5.2fx %5.2fx   %d (%d/%d/%d, %d)\n",
      $1, $2, $3, $4, $5, $6, $7, fw[n], fc[n], nw[n], nc[n], $8, $9, $10, $11, $12 }
  END {
    printf "ratio ours/hand-written, median of %d round(s) (goal <= 1.1x):\n", n
    printf "  first pipeline (no durations yet): wall %.2fx, cpu %.2fx\n", median(fw, n), median(fc, n)
    printf "  next pipeline (split by durations): wall %.2fx, cpu %.2fx\n", median(nw, n), median(nc, n)
  }'

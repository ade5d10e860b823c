#!/usr/bin/env bash
# Bootstrap for the build: finds or installs the .NET SDK named in global.json, builds build/_build.csproj
# only when its inputs changed, then runs it. Warm runs skip MSBuild entirely, which is what keeps
# `./build.sh --help` and tag pipelines fast.
set -eo pipefail

# Without a subshell or dirname: every process costs a few milliseconds, and a warm run is meant to cost none.
# CDPATH emptied: a runner's CDPATH must not move the root elsewhere.
ROOT=$PWD
case ${BASH_SOURCE[0]} in */*) CDPATH='' cd -- "${BASH_SOURCE[0]%/*}" && ROOT=$PWD && CDPATH='' cd -- "$OLDPWD" ;; esac
TEMP_DIR="$ROOT/.nuke/temp"
BIN_DIR="$TEMP_DIR/bin"
# Both live beside the built build, so a .nuke/temp/bin restored from a CI cache carries what it was built from.
STAMP="$BIN_DIR/_build.stamp"
STAT_KEY="$BIN_DIR/_build.statkey"
INPUTS="$BIN_DIR/_build.inputs" # written by the build project's WriteGitLabReleaseBuildInputs target
BUILD_PROJECT="$ROOT/build/_build.csproj"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en

# What the build project is made of: the folders and files its last build listed in _build.inputs (made relative to
# the repository right after the build, so another clone matches), plus global.json and nuget.config. Sets
# INPUT_DIRS and INPUT_FILES, relative to the repository. A new or deleted file changes the list, hence both keys.
list_inputs() {
  INPUT_DIRS=() INPUT_FILES=()
  [[ -f "$INPUTS" ]] || return 1
  local kind path
  while read -r kind path; do
    case $kind in
      dir) [[ -d "$ROOT/$path" ]] && INPUT_DIRS+=("$path") ;;
      file) [[ -f "$ROOT/$path" ]] && INPUT_FILES+=("$path") ;;
    esac
  done <"$INPUTS"
  # MSBuild imports the nearest Directory.Build.props/.targets (and Directory.Packages.props) above each project, and
  # those commonly import the next one up: every one from a listed folder up to the root counts, including one added
  # since the last build (MSBuild reports none of this for referenced projects; see the targets file).
  local dir name walked=$'\n'
  for dir in "${INPUT_DIRS[@]}"; do
    while :; do
      # A folder the walk from another input folder already passed (src, the root) is listed once.
      [[ "$walked" == *$'\n'"$dir"$'\n'* ]] && break
      walked+="$dir"$'\n'
      for name in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
        if [[ -f "$ROOT/$dir/$name" ]]; then [[ "$dir" == . ]] && INPUT_FILES+=("$name") || INPUT_FILES+=("$dir/$name"); fi
      done
      [[ "$dir" == . ]] && break
      [[ "$dir" == */* ]] && dir=${dir%/*} || dir=.
    done
  done
  for path in global.json nuget.config NuGet.config NuGet.Config; do [[ -f "$ROOT/$path" ]] && INPUT_FILES+=("$path"); done
  return 0
}

# The content key: git object ids of the inputs (git hash-object applies the repository's filters, so a tracked
# file's id is its blob's), so a fresh clone, whose files are all new, matches the build it restored.
input_key() {
  local list
  mapfile -t list < <(cd "$ROOT" && {
    printf '%s\n' "${INPUT_FILES[@]}"
    [[ ${#INPUT_DIRS[@]} -eq 0 ]] || find "${INPUT_DIRS[@]}" \( -name bin -o -name obj \) -prune -o -type f -print
  } | LC_ALL=C sort -u)
  (
    cd "$ROOT"
    if command -v git >/dev/null 2>&1; then
      paste -d ' ' <(printf '%s\n' "${list[@]}" | git hash-object --stdin-paths) <(printf '%s\n' "${list[@]}") | cksum
    else
      printf '%s\0' "${list[@]}" | xargs -0 cksum | cksum
    fi
  )
}

# The stat key, as git's index does it: change time and inode of every input and of the folders holding them (any
# write, rename or change of mode sets the change time; size and path would repeat what it says).
# Hashing the content costs tens of milliseconds of processes, as much as the runtime's whole start-up, so a warm run
# that finds every stat as it was when the content last matched skips it (one find, no other process). Nothing but
# the system clock sets a change time back (touch -d and tar restore only the modification time), and adding or
# removing a file changes its folder's. Any difference, such as a fresh clone or a restored cache, falls back to the
# content key.
stat_key() {
  CDPATH='' cd -- "$ROOT" && exec find "${INPUT_FILES[@]}" "${INPUT_DIRS[@]}" \( -name bin -o -name obj \) -prune -o -printf '%i %C@\n' 2>/dev/null
}

# Fresh: the built build exists and its inputs are as they were when it was built.
# The stamp holds the dotnet that built it (line 1) and the content key (line 2); _build.statkey holds the content
# key, then the stat key it was last seen with.
is_fresh() {
  [[ -f "$STAMP" && -f "$BIN_DIR/_build.dll" ]] || return 1
  { read -r STAMP_DOTNET; read -r STAMP_INPUTS; } <"$STAMP" || return 1
  list_inputs || return 1
  local stat seen=
  stat=$(stat_key)
  [[ -f "$STAT_KEY" ]] && seen=$(<"$STAT_KEY")
  [[ "$seen" == "$STAMP_INPUTS"$'\n'"$stat" ]] && return 0
  [[ "$(input_key)" == "$STAMP_INPUTS" ]] || return 1
  remember_stat "$STAMP_INPUTS" "$stat"
}

remember_stat() {
  printf '%s\n%s' "$1" "$2" >"$STAT_KEY.$$" 2>/dev/null && mv -f "$STAT_KEY.$$" "$STAT_KEY" 2>/dev/null || rm -f "$STAT_KEY.$$"
  return 0
}

find_dotnet() {
  # The SDK on PATH is used when it satisfies global.json (dotnet --version fails otherwise).
  if command -v dotnet >/dev/null 2>&1 && (cd "$ROOT" && dotnet --version >/dev/null 2>&1); then
    command -v dotnet
    return
  fi
  local install_dir="$TEMP_DIR/dotnet-unix"
  if [[ ! -x "$install_dir/dotnet" ]] || ! (cd "$ROOT" && "$install_dir/dotnet" --version >/dev/null 2>&1); then
    local version
    version=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/global.json" | head -n 1)
    echo "No .NET SDK matching global.json ($version) on PATH; installing it into $install_dir (needs internet access)." >&2
    mkdir -p "$TEMP_DIR"
    curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$TEMP_DIR/dotnet-install.sh" \
      || { echo "Could not download dotnet-install.sh. Install the .NET SDK $version yourself and put dotnet on PATH." >&2; exit 1; }
    bash "$TEMP_DIR/dotnet-install.sh" --jsonfile "$ROOT/global.json" --install-dir "$install_dir" --no-path >&2
  fi
  export DOTNET_ROOT="$install_dir"
  echo "$install_dir/dotnet"
}

# The runtime's multicore JIT profile of this command, as the build names it (Nuke.Common.StartupProfile: the leading
# targets' ASCII letters and digits, joined by '-'), is recorded on the command's first run after each build of the
# build project (a profile older than _build.stamp, which each build rewrites) and only played back after that: a run
# that records rewrites the file at its end in some 4 000 small writes, about 2 ms of a 60-80 ms run. The variable is
# the runtime's own switch; children of the build inherit it, and a build.sh among them decides anew.
jit_profile_gather() {
  local arg name=
  for arg; do
    [[ "$arg" == -* ]] && break
    arg=${arg//[!A-Za-z0-9]/}
    [[ -n "$arg" ]] && name+=${name:+-}$arg
  done
  name=${name:-default}
  export DOTNET_MultiCoreJitNoProfileGather=0
  [[ "$BIN_DIR/startup-${name:0:60}.jitprofile" -nt "$STAMP" ]] && DOTNET_MultiCoreJitNoProfileGather=1
  return 0
}

if is_fresh; then
  DOTNET=$STAMP_DOTNET
  if [[ -x "$DOTNET" ]]; then
    [[ "$DOTNET" == "$TEMP_DIR/dotnet-unix/dotnet" ]] && export DOTNET_ROOT="$TEMP_DIR/dotnet-unix"
    jit_profile_gather "$@"
    exec "$DOTNET" "$BIN_DIR/_build.dll" "$@"
  fi
fi

DOTNET=$(find_dotnet)
mkdir -p "$TEMP_DIR"
(
  # Concurrent runs (two jobs on one runner, parallel tests) must not build into the same folder at once.
  exec 9>"$TEMP_DIR/build.lock"
  command -v flock >/dev/null 2>&1 && flock 9
  if ! is_fresh; then
    log="$TEMP_DIR/build-project.log"
    echo "Building the build project…" >&2
    # Published ReadyToRun for this machine's runtime: precompiled, a warm run starts 20-50 ms sooner than JIT-compiled
    # IL. Compiling it ahead costs seconds, which pays on a workstation (the same build runs many times) but not in CI,
    # where a job builds the build project once for the few runs of one pipeline.
    ready_to_run=true
    [[ "${CI:-}" == true ]] && ready_to_run=false
    if ! "$DOTNET" publish "$BUILD_PROJECT" --nologo -v quiet -clp:NoSummary --use-current-runtime --self-contained false -p:PublishReadyToRun=$ready_to_run -o "$BIN_DIR" >"$log" 2>&1; then
      grep -E ': error ' "$log" | sort -u >&2 || tail -n 30 "$log" >&2
      echo "Building the build project failed; the whole log is in ${log#"$ROOT"/}." >&2
      exit 1
    fi
    # The SDK's and packages' own files are left out: their versions are in the files listed.
    while read -r kind path; do
      path=${path%/}
      if [[ "$path" == "$ROOT" ]]; then echo "$kind ."; elif [[ "$path" == "$ROOT"/* ]]; then echo "$kind ${path#"$ROOT"/}"; fi
    done <"$INPUTS" >"$INPUTS.new" 2>/dev/null && mv -f "$INPUTS.new" "$INPUTS"
    # Keyed after the build, from the list the build just wrote. An edit made during the build is missed until the
    # next one; the list cannot be had before the build.
    if list_inputs; then
      key=$(input_key)
    else
      echo "The build project did not write ${INPUTS#"$ROOT"/} (does it reference GitLabRelease.Build.Components?); it will be rebuilt on every run." >&2
      key=none
    fi
    printf '%s\n%s\n' "$DOTNET" "$key" >"$STAMP.new"
    mv -f "$STAMP.new" "$STAMP"
    [[ "$key" == none ]] || remember_stat "$key" "$(stat_key)"
  fi
)
jit_profile_gather "$@"
exec "$DOTNET" "$BIN_DIR/_build.dll" "$@"

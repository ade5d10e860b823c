#!/usr/bin/env bash
# Bootstrap for the build: finds or installs the .NET SDK named in global.json, builds build/_build.csproj
# only when its inputs changed, then runs it. Warm runs skip MSBuild entirely, which is what keeps
# `./build.sh --help` and tag pipelines fast.
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP_DIR="$ROOT/.nuke/temp"
BIN_DIR="$TEMP_DIR/bin"
STAMP="$TEMP_DIR/build.stamp"
BUILD_PROJECT="$ROOT/build/_build.csproj"
# Everything the build executable is made of; an edit to any of these rebuilds it on the next run.
INPUTS=(build src global.json Directory.Build.props Directory.Packages.props)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en

# A checksum of every input file's path and modification time: an edit, a new, deleted or renamed file changes it.
# Inputs a repository does not have (no Directory.Packages.props, say) are left out rather than failing find.
input_listing() {
  local existing=() input
  for input in "${INPUTS[@]}"; do [[ -e "$ROOT/$input" ]] && existing+=("$input"); done
  (cd "$ROOT" && find "${existing[@]}" \( -name bin -o -name obj \) -prune -o -type f -printf '%p %T@\n' | cksum)
}

# Fresh: the built build exists and its inputs are as they were when it was built.
# The stamp holds the dotnet that built it (line 1) and the input checksum (line 2); read with builtins, as this
# runs on every call.
is_fresh() {
  [[ -f "$STAMP" && -f "$BIN_DIR/_build.dll" ]] || return 1
  { read -r STAMP_DOTNET; read -r STAMP_INPUTS; } <"$STAMP" || return 1
  [[ "$(input_listing)" == "$STAMP_INPUTS" ]]
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

if is_fresh; then
  DOTNET=$STAMP_DOTNET
  if [[ -x "$DOTNET" ]]; then
    [[ "$DOTNET" == "$TEMP_DIR/dotnet-unix/dotnet" ]] && export DOTNET_ROOT="$TEMP_DIR/dotnet-unix"
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
    # Published ReadyToRun for this machine's runtime: precompiled code starts about twice as fast as JIT-compiled IL.
    listing=$(input_listing) # taken before building, so an edit made during the build still triggers the next rebuild
    if ! "$DOTNET" publish "$BUILD_PROJECT" --nologo -v quiet -clp:NoSummary --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$BIN_DIR" >"$TEMP_DIR/build-project.log" 2>&1; then
      cat "$TEMP_DIR/build-project.log" >&2
      echo "Building the build project failed (log: .nuke/temp/build-project.log)." >&2
      exit 1
    fi
    printf '%s\n%s\n' "$DOTNET" "$listing" >"$STAMP.new"
    mv -f "$STAMP.new" "$STAMP"
  fi
)
exec "$DOTNET" "$BIN_DIR/_build.dll" "$@"

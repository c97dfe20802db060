#!/usr/bin/env bash
# Makes the Node.js of .node-version available: nothing to do when the machine's node already has
# that major version; otherwise the registry's build for this platform is unpacked into
# $COMITY_TOOLS/node (atomically: a temporary folder, then a rename), where infra/lib/common.sh finds it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
COMITY_SERVICE=install

wanted=$(tr -d '[:space:]' <"$COMITY_ROOT/.node-version")
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[[ $major == "${wanted%%.*}" ]] && exit 0
[[ -x $COMITY_NODE_HOME/bin/node && $("$COMITY_NODE_HOME/bin/node" --version) == "v$wanted" ]] && exit 0
command -v npm >/dev/null || die "npm is needed once to fetch Node.js $wanted from the npm registry"

case $(uname -m) in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) die "no Node.js build on the npm registry for $(uname -m)" ;;
esac
log "installing Node.js $wanted (node-linux-$arch from the npm registry) into $COMITY_NODE_HOME"
mkdir -p "$COMITY_TOOLS"
tmp=$(mktemp -d "$COMITY_TOOLS/node.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "node-linux-$arch@$wanted" >/dev/null) || die "could not fetch node-linux-$arch@$wanted"
mkdir "$tmp/node"
tar -xzf "$tmp"/node-linux-*.tgz -C "$tmp/node" --strip-components=1
"$tmp/node/bin/node" --version >/dev/null || die "the Node.js $wanted build does not run on this machine"
rm -rf "$COMITY_NODE_HOME"
mv "$tmp/node" "$COMITY_NODE_HOME"

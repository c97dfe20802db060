# shellcheck shell=bash
# Tools built from the Go module proxy, once per version: the Temporal server, Temporal's UI server,
# Jaeger. Modules and the build cache live in $COMITY_TOOLS/go, shared by every build; the pinned
# toolchain comes through the proxy (GOTOOLCHAIN), so any go >= 1.21 starts it. Source after common.sh.

# go_build_once <dir> <stamp> <toolchain> <build function>
# Makes <dir> hold what <build function> builds, unless <dir>/.installed already says <stamp>. The
# function runs under a lock (concurrent calls build once: the later one waits, then finds the
# stamp), in an empty work folder, with the Go environment exported, and writes into ./out, which
# then replaces <dir> whole: an interrupted build leaves no half-made tool behind. The function runs
# where `set -e` does not reach (it is called in a condition), so it returns at its first failure.
go_build_once() {
  local dir=$1 stamp=$2 toolchain=$3 build=$4
  [[ -f $dir/.installed && $(<"$dir/.installed") == "$stamp" ]] && return 0
  command -v go >/dev/null || die "go not found (any Go >= 1.21 fetches the pinned toolchain: apt-get install golang-go)"
  local parent; parent=$(dirname "$dir")
  mkdir -p "$parent" "$COMITY_TOOLS/go"
  (
    flock -w 1800 9 || die "could not lock $parent"
    [[ -f $dir/.installed && $(<"$dir/.installed") == "$stamp" ]] && exit 0
    export GOTOOLCHAIN=$toolchain GOMODCACHE=$COMITY_TOOLS/go/mod GOCACHE=$COMITY_TOOLS/go/cache \
      GOPATH=$COMITY_TOOLS/go/path CGO_ENABLED=0
    work=$(mktemp -d "$parent/.build.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    log "building $stamp (minutes, once)"
    started=$SECONDS
    cd "$work"
    mkdir out
    "$build" >&2 || die "building $stamp failed"
    chmod -R u+w out
    printf '%s\n' "$stamp" >out/.installed
    rm -rf "$dir"
    mv out "$dir"
    log "built in $((SECONDS - started))s: $dir"
  ) 9>"$parent/.lock"
}

# go_build_module <module> <version> <package>...: a throwaway main module that requires <module>
# at <version>, and each <package> (a path inside it) built into ./out under its last element's name
# (or the name given as <package>=<name>).
go_build_module() {
  local module=$1 version=$2 spec; shift 2
  go mod init comity.local/build >/dev/null 2>&1 || return
  GOFLAGS=-mod=mod go get "$module@$version" || return
  for spec in "$@"; do
    local package=${spec%%=*} name=${spec##*=}
    [[ $spec == *=* ]] || name=${package##*/}
    GOFLAGS=-mod=mod go build -trimpath -o "out/$name" "$module/$package" || return
  done
}

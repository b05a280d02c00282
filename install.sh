#!/bin/sh
# Install pan's prebuilt binary for this machine from a release, checked against the
# release's SHA-256 checksum before anything is installed.
#
#   curl -fsSL https://github.com/pan-as-code/pan/releases/latest/download/install.sh | sh
#   sh install.sh --version 0.1.0 --to ~/.local/bin
#
# Options: --version X.Y.Z (default: the latest release), --to DIR (default:
# $PAN_INSTALL_DIR, else ~/.local/bin), --target TRIPLE (default: this machine's).
# Environment: PAN_REPOSITORY (default: pan's repository), PAN_DOWNLOAD_URL (a folder or
# URL holding the release's files, instead of the repository's release page; a mirror,
# or a local build).
#
# It downloads pan-<target>.tar.gz (.zip on Windows) and its .sha256, refuses the archive
# when the checksum differs, runs the binary once (`pan --version`) and only then moves it
# into place, so that a failed install leaves the folder as it was. POSIX sh, with curl or
# wget, tar (or unzip), and sha256sum, shasum or openssl.
set -eu

repository=${PAN_REPOSITORY:-https://github.com/pan-as-code/pan}
version=latest
to=${PAN_INSTALL_DIR:-}
target=

say() { printf '%s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

while [ $# -gt 0 ]; do
    case $1 in
    --version) version=${2:?--version needs a value}; shift 2 ;;
    --version=*) version=${1#*=}; shift ;;
    --to) to=${2:?--to needs a folder}; shift 2 ;;
    --to=*) to=${1#*=}; shift ;;
    --target) target=${2:?--target needs a value}; shift 2 ;;
    --target=*) target=${1#*=}; shift ;;
    -h | --help)
        sed -n '2,19p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown option \`$1\` (see --help)" ;;
    esac
done

version=${version#v}
case $version in
latest) ;;
*[!0-9A-Za-z.+-]* | '' | .* | *..*) die "\`$version\` is not a version (e.g. 0.1.0)" ;;
[0-9]*.[0-9]*.[0-9]*) ;;
*) die "\`$version\` is not a version (e.g. 0.1.0)" ;;
esac

if [ -z "$target" ]; then
    os=$(uname -s)
    arch=$(uname -m)
    case $arch in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) die "no prebuilt pan for a $arch processor; build it: cargo install --locked --git $repository pan" ;;
    esac
    case $os in
    Linux) target=$arch-unknown-linux-musl ;;
    Darwin) target=$arch-apple-darwin ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT)
        [ "$arch" = x86_64 ] || die "no prebuilt pan for Windows on $arch"
        target=x86_64-pc-windows-msvc
        ;;
    *) die "no prebuilt pan for $os; build it: cargo install --locked --git $repository pan" ;;
    esac
fi
case $target in
x86_64-unknown-linux-musl | aarch64-unknown-linux-musl | x86_64-apple-darwin | aarch64-apple-darwin) ext=tar.gz exe='' ;;
x86_64-pc-windows-msvc) ext=zip exe=.exe ;;
*) die "no prebuilt pan for the target \`$target\`" ;;
esac

if [ -z "$to" ]; then
    [ -n "${HOME:-}" ] || die "no --to folder and no HOME"
    to=$HOME/.local/bin
fi

if [ -n "${PAN_DOWNLOAD_URL:-}" ]; then
    base=${PAN_DOWNLOAD_URL%/}
elif [ "$version" = latest ]; then
    base=$repository/releases/latest/download
else
    base=$repository/releases/download/v$version
fi
asset=pan-$target.$ext

work=$(mktemp -d 2>/dev/null || mktemp -d -t pan)
trap 'rm -rf "$work"' EXIT INT TERM

# A local folder or a URL (curl, else wget), to a file; fails on any HTTP error.
fetch() {
    case $1 in
    /* | ./* | ../*) cp "$1" "$2" ;;
    *)
        if command -v curl >/dev/null 2>&1; then
            curl --proto '=https,file' --tlsv1.2 -fsSL --retry 3 -o "$2" "$1"
        elif command -v wget >/dev/null 2>&1; then
            wget -q -O "$2" "$1"
        else
            die "neither curl nor wget is installed"
        fi
        ;;
    esac
}

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    elif command -v openssl >/dev/null 2>&1; then
        openssl dgst -sha256 -r "$1" | cut -d ' ' -f 1
    else
        die "no sha256sum, shasum or openssl to check the download with"
    fi
}

say "downloading $base/$asset"
fetch "$base/$asset" "$work/$asset" || die "could not download $base/$asset"
fetch "$base/$asset.sha256" "$work/$asset.sha256" || die "could not download $base/$asset.sha256"
expected=$(cut -d ' ' -f 1 <"$work/$asset.sha256" | tr -d '\r\n' | tr 'A-F' 'a-f')
actual=$(sha256 "$work/$asset")
case $expected in
*[!0-9a-f]* | '') die "$asset.sha256 holds no SHA-256 checksum" ;;
esac
[ ${#expected} -eq 64 ] || die "$asset.sha256 holds no SHA-256 checksum"
if [ "$expected" != "$actual" ]; then
    die "the checksum of $asset is $actual, the release says $expected: nothing was installed"
fi

mkdir "$work/x"
case $ext in
tar.gz) tar -xzf "$work/$asset" -C "$work/x" ;;
zip)
    if command -v unzip >/dev/null 2>&1; then
        unzip -q "$work/$asset" -d "$work/x"
    else
        powershell -NoProfile -Command "Expand-Archive -LiteralPath '$work/$asset' -DestinationPath '$work/x'"
    fi
    ;;
esac
bin=$work/x/pan-$target/pan$exe
[ -f "$bin" ] || die "$asset holds no pan-$target/pan$exe"
chmod +x "$bin"
line=$("$bin" --version) || die "the downloaded pan does not run on this machine ($target)"

mkdir -p "$to"
cp "$bin" "$to/.pan$exe.partial"
mv -f "$to/.pan$exe.partial" "$to/pan$exe"
say "installed $line to $to/pan$exe"
case ":${PATH:-}:" in
*":$to:"*) ;;
*) say "note: $to is not in PATH; add it, or run $to/pan$exe" ;;
esac

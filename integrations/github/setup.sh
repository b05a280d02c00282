#!/usr/bin/env bash
# The action's first step: which pan release (the `version` input, else the action's own
# tag), which binary for this runner, and the folder it is cached in. Writes them as the
# step's outputs. Exit status 2 when the version or the runner has no release.
set -euo pipefail

version=${PAN_VERSION:-}
version=${version#v}
if [ -z "$version" ]; then
    case ${ACTION_REF:-} in
    v[0-9]*.[0-9]*.[0-9]*) version=${ACTION_REF#v} ;;
    *)
        echo "::error title=pan::set the action's version input (e.g. version: 0.1.0): the action is used at \`${ACTION_REF:-?}\`, which names no release"
        exit 2
        ;;
    esac
fi
case $version in
*[!0-9A-Za-z.+-]* | .* | *..*)
    echo "::error title=pan::\`$version\` is not a version of pan (e.g. 0.1.0)"
    exit 2
    ;;
[0-9]*.[0-9]*.[0-9]*) ;;
*)
    echo "::error title=pan::\`$version\` is not a version of pan (e.g. 0.1.0)"
    exit 2
    ;;
esac

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
Linux/X64) target=x86_64-unknown-linux-musl ;;
Linux/ARM64) target=aarch64-unknown-linux-musl ;;
macOS/X64) target=x86_64-apple-darwin ;;
macOS/ARM64) target=aarch64-apple-darwin ;;
Windows/X64) target=x86_64-pc-windows-msvc ;;
*)
    echo "::error title=pan::no pan release for a ${RUNNER_OS:-?} runner on ${RUNNER_ARCH:-?}"
    exit 2
    ;;
esac

dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/pan/$version/$target"
{
    echo "version=$version"
    echo "target=$target"
    echo "dir=$dir"
} >>"$GITHUB_OUTPUT"
echo "pan $version for $target, in $dir"

#!/usr/bin/env bash
# Rebuilds packages-local/vswhere.2.8.4.nupkg from vswhere.nuspec (see README, "Why packages-local/").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../packages-local/vswhere.2.8.4.nupkg"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/vswhere.nuspec" "$work/"
printf '%s' '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /></Types>' > "$work/[Content_Types].xml"
rm -f "$out"
(cd "$work" && python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED); [z.write(f) for f in sys.argv[2:]]; z.close()' "$out" vswhere.nuspec '[Content_Types].xml')
echo "wrote $out"

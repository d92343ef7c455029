#!/bin/sh
# Rebuild newsprint-fogra29.icc, the CMYK output-intent profile of the
# broadsheet, from the FOGRA29 characterisation data with ArgyllCMS.
# Needs the Debian packages `argyll` and `icc-profiles-free` (see README.md).
# Takes about a minute and a half; the result differs from the committed file
# only in the creation date in its header.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${FOGRA29_TI3:-/usr/share/color/icc/FOGRA29L.ti3}      # icc-profiles-free
srgb=${SRGB_ICM:-/usr/share/color/argyll/ref/sRGB.icm}      # argyll
out="$here/newsprint-fogra29.icc"

command -v colprof >/dev/null || { echo "colprof not found: apt-get install argyll" >&2; exit 1; }
[ -r "$data" ] || { echo "$data not found: apt-get install icc-profiles-free" >&2; exit 1; }
[ -r "$srgb" ] || { echo "$srgb not found: apt-get install argyll" >&2; exit 1; }

# colprof reads BASE.ti3; give it a private copy so nothing is written beside the data.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data" "$work/FOGRA29L.ti3"

colprof -v -qm -nc -kr -l240 \
    -S "$srgb" -cmt -dpp \
    -D "Newsprint CMYK (FOGRA29 data, TAC 240%)" \
    -C "zlib licence; from FOGRA29L.ti3 of icc-profiles-free; see README.md" \
    -O "$out" "$work/FOGRA29L"

ls -l "$out"

#!/bin/sh
# Hard-links the remote releases' files (public/_mfv, packages/remote-versions) to their twins in
# .next/static inside a gathered image tree (deploy/build-app.sh), so an image stores those bytes
# once: the current release's client chunks and server entry are byte-for-byte .next/static's,
# and an older release shares every chunk whose content did not change. Only identical files
# (cmp) are linked; the tree is an image's, never written to again, so a link cannot alter a
# release. BuildKit keeps hard links through COPY.
#
#   sh deploy/link-release-twins.sh <gathered app dir>     e.g. <out>/apps/user
set -eu
app_dir=${1:?usage: deploy/link-release-twins.sh <gathered app dir>}
releases="$app_dir/public/_mfv"
static="$app_dir/.next/static"
[ -d "$releases" ] && [ -d "$static" ] || exit 0
linked=0
for release in "$releases"/client/* "$releases"/ssr/*; do
  [ -d "$release" ] || continue
  case "$release" in
    "$releases"/client/*) from="$release/static" to="$static" ;;
    *) from="$release" to="$static/ssr" ;;
  esac
  [ -d "$from" ] || continue
  # Chunk names are webpack's (no newlines); read line by line.
  for file in $(find "$from" -type f); do
    twin="$to/${file#"$from"/}"
    if [ -f "$twin" ] && cmp -s "$file" "$twin"; then
      ln -f "$twin" "$file"
      linked=$((linked + 1))
    fi
  done
done
echo "link-release-twins.sh: $linked release files linked to .next/static"

#!/bin/sh
# Cut what a service venv never uses at run time (images carry only what their service runs):
# packages' own test suites, C/C++ headers and Cython sources for building extensions, pyarrow's
# Flight RPC and S3 filesystem (the lake is local files), bytecode caches
# (PYTHONDONTWRITEBYTECODE), and the distributions named after the venv (installed with a Poetry
# group but imported by no code of this service; tests/ops checks that stays true).
# Usage: slim_venv.sh /opt/venv [DISTRIBUTION ...]
set -eu
venv="$1"
shift
site="$(echo "$venv"/lib/python3*/site-packages)"
for dist in "$@"; do
  for record in "$site/$dist"-*.dist-info/RECORD; do
    [ -f "$record" ] || { echo "slim_venv: $dist is not installed" >&2; exit 1; }
    (cd "$site" && cut -d, -f1 "$record" | xargs -d '\n' rm -f)
    rm -rf "$(dirname "$record")"
  done
done
for pkg in numpy pandas pyarrow scipy sklearn matplotlib networkx plotly sqlglot pydantic; do
  find "$site/$pkg" -depth -type d \( -name tests -o -name test \) -exec rm -rf {} + 2>/dev/null || true
done
rm -rf "$site"/pyarrow/include "$site"/pyarrow/src "$site"/numpy/_core/include
rm -f "$site"/pyarrow/*flight* "$site"/pyarrow/_s3fs.* "$site"/pyarrow/libarrow_s3.* \
  "$site"/pyarrow/_pyarrow_cpp_tests.*
find "$site" \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' -o -name '*.h' -o -name '*.hpp' \) -delete
find "$venv" -depth -type d -name __pycache__ -exec rm -rf {} +
find "$site" -depth -type d -empty -delete

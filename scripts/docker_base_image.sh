#!/usr/bin/env bash
# The Python base image every project image builds FROM (their build argument BASE_IMAGE).
# Prints the image to build from on stdout (progress goes to stderr):
#   1. BASE_IMAGE (default: the pinned official python:3.11-slim image) when it is present
#      locally or a registry answers the pull;
#   2. otherwise an equivalent made here from Debian packages: debootstrap bookworm minbase with
#      python3 (3.11), python3-venv, python3-pip and ca-certificates, the host's CA bundle when it
#      has one, `python` on PATH like the official image -> `docker import` as LOCAL_BASE_IMAGE.
#      Made once and reused (--rebuild makes it again; --debian skips trying the registry).
# Needs root for debootstrap (`apt-get install -y debootstrap`) and a running Docker engine.
set -euo pipefail

# The pinned official image: the default of docker/Dockerfile's BASE_IMAGE (written there only).
OFFICIAL_IMAGE="$(sed -n 's/^ARG BASE_IMAGE=//p' "$(dirname "$0")/../docker/Dockerfile")"
[[ -n "$OFFICIAL_IMAGE" ]] || { echo "docker_base_image: no ARG BASE_IMAGE= default in docker/Dockerfile" >&2; exit 1; }
wanted="${BASE_IMAGE:-$OFFICIAL_IMAGE}"
local_image="${LOCAL_BASE_IMAGE:-f1-lakehouse/python-base:3.11-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The host's CA bundle (a proxy's CA included), the one its own pip and requests trust.
host_ca="${HOST_CA_BUNDLE:-${REQUESTS_CA_BUNDLE:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}}"
rebuild=false
try_registry=true
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    --debian) try_registry=false ;;
    *) echo "docker_base_image: unknown option $arg (use --rebuild, --debian)" >&2; exit 2 ;;
  esac
done
say() { echo "docker_base_image: $*" >&2; }

if $try_registry; then
  if docker image inspect "$wanted" >/dev/null 2>&1 || timeout 60 docker pull -q "$wanted" >&2 2>/dev/null; then
    say "using $wanted"
    echo "$wanted"
    exit 0
  fi
  say "$wanted not available (no registry answers): using $local_image, made from Debian packages"
fi
if ! $rebuild && docker image inspect "$local_image" >/dev/null 2>&1; then
  say "$local_image made earlier (--rebuild makes it again)"
  echo "$local_image"
  exit 0
fi

command -v debootstrap >/dev/null || { say "debootstrap missing: apt-get install -y debootstrap"; exit 1; }
[[ $(id -u) == 0 ]] || { say "debootstrap needs root"; exit 1; }
rootfs="$(mktemp -d "${TMPDIR:-/tmp}/f1-base.XXXXXX")"
trap 'rm -rf "$rootfs"' EXIT
started=$SECONDS
debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
  bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || { tail -n 20 "$rootfs.log" >&2; exit 1; }
rm -f "$rootfs.log"
ca_env=()
if [[ -s "$host_ca" ]]; then
  cp "$host_ca" "$rootfs/etc/ssl/certs/ca-certificates.crt"
  bundle=/etc/ssl/certs/ca-certificates.crt
  ca_env=(--change "ENV SSL_CERT_FILE=$bundle" --change "ENV REQUESTS_CA_BUNDLE=$bundle"
          --change "ENV PIP_CERT=$bundle")
  say "host CA bundle $host_ca copied in"
fi
# Like the official image: `python` is Python 3; nothing the images never use at run time.
ln -sf /usr/bin/python3 "$rootfs/usr/local/bin/python"
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/* "$rootfs"/tmp/*
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' "${ca_env[@]}" --change 'CMD ["python3"]' \
  - "$local_image" >/dev/null
say "made $local_image in $((SECONDS - started)) s ($(docker run --rm "$local_image" python --version))"
echo "$local_image"
